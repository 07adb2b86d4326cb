using Actors.Analyses;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Teams;

/// <summary>The analyses a real silo registers, read from the same registration code.</summary>
public sealed class ServiceCollectionAnalyses
{
    public IEnumerable<IAnalysis> All { get; } = new ServiceCollection()
        .AddActorsGrainServices(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetServices<IAnalysis>()
        .ToList();
}
