using Actors.Analyses;
using Actors.Analyses.Bench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

/// <summary>The silo's services put the benchmark's analysis in the catalog only when asked to.</summary>
public sealed class BenchCatalogTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void Bench_echo_is_in_the_catalog_only_when_Actors_Bench_Enabled_is_true(string? enabled, bool expected)
    {
        var settings = new Dictionary<string, string?>();
        if (enabled is not null)
        {
            settings["Actors:Bench:Enabled"] = enabled;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddActorsGrainServices(configuration).BuildServiceProvider();

        var catalog = services.GetRequiredService<AnalysisCatalog>();

        Assert.Equal(expected, catalog.TryGet(BenchEchoAnalysis.AnalysisType, out _));
        Assert.True(catalog.TryGet("data_interpretation", out _));
    }
}
