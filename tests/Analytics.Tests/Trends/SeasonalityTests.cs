using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class SeasonalityTests
{
    [Fact]
    public void Acf_matches_the_hand_computation()
    {
        // 1..5: mean 3, deviations −2..2, Σd² = 10; lag 1: (−2)(−1) + (−1)(0) + 0·1 + 1·2 = 4; lag 2: (−2)(0) + (−1)(1) + 0·2 = −1.
        double[] series = [1, 2, 3, 4, 5];

        Assert.Equal(1.0, Seasonality.Acf(series, 0), 12);
        Assert.Equal(0.4, Seasonality.Acf(series, 1), 12);
        Assert.Equal(-0.1, Seasonality.Acf(series, 2), 12);
        Assert.Equal(0.0, Seasonality.Acf(series, 5));
        Assert.Equal(0.0, Seasonality.Acf([2, 2, 2], 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void Correlogram_agrees_with_the_direct_acf(int n)
    {
        var random = new Random(n);
        var series = Enumerable.Range(0, n).Select(t => Math.Sin(t / 3.0) * 5 + random.NextDouble()).ToArray();

        var acf = Correlogram.Of(series, n / 2 + 1);

        for (var lag = 0; lag < acf.Length; lag++)
        {
            Assert.Equal(Seasonality.Acf(series, lag), acf[lag], 10);
        }
    }

    [Fact]
    public void A_long_series_finds_its_weekly_cycle()
    {
        // Two hundred thousand periods (a large upload) with a weekly cycle. Quadratic work would make
        // this test hang past the runner's timeout; its speed is not asserted here (no timing in tests).
        var values = Series.Seasonal(200_000, slope: 0.001, intercept: 10, amplitude: 2, period: 7);

        var season = Seasonality.Detect(values);

        Assert.Equal(7, season?.Period);
    }

    [Fact]
    public void Monthly_sine_on_a_trend_has_period_twelve()
    {
        var values = Series.Seasonal(48, slope: 0.8, intercept: 100, amplitude: 10, period: 12);

        var season = Seasonality.Detect(values);

        Assert.NotNull(season);
        Assert.Equal(12, season.Period);
        // Independent check: the ACF of the de-trended series at lag 12 beats the significance bound.
        var detrended = Seasonality.Detrend(values, LinearFit.Of(values));
        Assert.Equal(Seasonality.Acf(detrended, 12), season.Autocorrelation, 10);
        Assert.True(season.Autocorrelation > 1.96 / Math.Sqrt(48));
    }

    [Fact]
    public void One_large_spike_does_not_hide_the_cycle()
    {
        // Unclipped, the spike's square (6400) would outweigh the cycle's variance (48·50) and pull
        // the lag-12 ACF under the bound.
        var values = Series.With(Series.Seasonal(48, slope: 3, intercept: 100, amplitude: 10, period: 12), 30, 80);

        Assert.Equal(12, Seasonality.Detect(values)?.Period);
    }

    [Fact]
    public void Short_cycle_pattern_is_found()
    {
        double[] cycle = [1, 5, 3, 0];
        var values = Enumerable.Range(0, 24).Select(t => cycle[t % 4] + 0.25 * t).ToArray();

        Assert.Equal(4, Seasonality.Detect(values)?.Period);
    }

    [Fact]
    public void Exact_line_has_no_season()
    {
        Assert.Null(Seasonality.Detect(Series.Line(48, 3, 2)));
        Assert.Null(Seasonality.Detect(Series.Line(48, 0.1, 1e6)));
    }

    [Fact]
    public void Curving_trend_is_not_a_season()
    {
        // Residuals of a line through a parabola form one smooth U: the ACF decays from lag 1, with no peak.
        var values = Enumerable.Range(0, 40).Select(t => (double)t * t).ToArray();

        Assert.Null(Seasonality.Detect(values));
    }

    [Fact]
    public void Needs_room_for_two_cycles_of_the_shortest_period()
    {
        Assert.Null(Seasonality.Detect([1, 5, 1]));
        Assert.Null(Seasonality.Detect([]));
    }

    [Fact]
    public void Cycle_too_long_for_two_repetitions_is_not_reported()
    {
        // One and a half cycles of period 20 in 30 points: lag 20 is beyond n/2, so no full second cycle.
        var values = Series.Seasonal(30, slope: 0, intercept: 0, amplitude: 1, period: 20);

        Assert.NotEqual(20, Seasonality.Detect(values)?.Period);
    }
}
