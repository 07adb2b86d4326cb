using System.Reflection;
using Orleans.Runtime;

namespace Actors.Grains.Tests;

public sealed class GrainStateNamesTests
{
    /// <summary>
    /// ADO.NET storage keys rows by grain id + state name, not grain type: two grain types sharing
    /// a state name would overwrite each other's state.
    /// </summary>
    [Fact]
    public void EveryGrainTypeHasItsOwnStateName()
    {
        var names = typeof(ActorsGrainServices).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters()))
            .Select(p => p.GetCustomAttribute<PersistentStateAttribute>())
            .OfType<PersistentStateAttribute>()
            .Select(a => a.StateName)
            // The job grain reads its state itself (lazily), under this name.
            .Append(Actors.Jobs.AnalysisJobGrain.StateName)
            .ToList();

        Assert.True(names.Count >= 5, $"expected the grains' state names, found {names.Count}");
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
