using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class SeasonalityWithSpikeTests
{
    /// <summary>A modest 12-period cycle on a trend, with one spike five times the cycle's amplitude.</summary>
    [Fact]
    public void A_large_single_spike_does_not_hide_a_modest_cycle()
    {
        var values = Enumerable.Range(0, 36)
            .Select(i => 200 + 5.0 * i + 30 * Math.Sin(2 * Math.PI * i / 12) + (i == 20 ? 150 : 0))
            .ToList();

        var season = Seasonality.Detect(values);

        Assert.NotNull(season);
        Assert.Equal(12, season.Period);
    }

    /// <summary>Flat months with a sharp peak every December: the peaks recur, so they are the cycle.</summary>
    [Fact]
    public void Sharp_recurring_peaks_are_a_cycle_not_spikes()
    {
        var values = Enumerable.Range(0, 48).Select(i => i % 12 == 11 ? 300.0 : 100.0 + 0.1 * i).ToList();

        var season = Seasonality.Detect(values);

        Assert.NotNull(season);
        Assert.Equal(12, season.Period);
    }
}
