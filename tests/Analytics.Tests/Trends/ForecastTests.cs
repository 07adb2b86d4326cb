using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class ForecastTests
{
    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(0.1, 0.9)]
    [InlineData(1.0, 1.0)]
    public void Holt_continues_a_perfect_line(double alpha, double beta)
    {
        var forecast = ExponentialSmoothing.Holt(Series.Line(20, 3, 2), 5, alpha, beta);

        Assert.Equal(ForecastMethod.Holt, forecast.Method);
        Assert.Equal(5, forecast.Values.Count);
        for (var h = 1; h <= 5; h++)
        {
            Assert.Equal(3 * (19 + h) + 2, forecast.Values[h - 1], 1e-6);
        }
        Assert.Equal(0, forecast.Sse, 1e-12);
    }

    [Fact]
    public void Holt_matches_the_hand_computation()
    {
        // α = β = 0.5 on 10, 12, 13. Start: level 10, trend 2.
        // t=1: forecast 12 (error 0); level 0.5·12 + 0.5·12 = 12; trend 0.5·2 + 0.5·2 = 2.
        // t=2: forecast 14 (error −1); level 0.5·13 + 0.5·14 = 13.5; trend 0.5·1.5 + 0.5·2 = 1.75.
        // Forecasts 13.5 + 1.75h; SSE 1.
        var forecast = ExponentialSmoothing.Holt([10, 12, 13], 2, 0.5, 0.5);

        Assert.Equal([15.25, 17.0], forecast.Values);
        Assert.Equal(1.0, forecast.Sse, 12);
        Assert.Equal(new Smoothing(0.5, 0.5, null), forecast.Parameters);
    }

    [Fact]
    public void Holt_on_one_value_stays_flat()
    {
        Assert.Equal([7.0, 7.0], ExponentialSmoothing.Holt([7], 2, 0.5, 0.5).Values);
    }

    /// <summary>
    /// The initial state is exact for a line plus an exact cycle, and the updates then keep it exact
    /// (each is a weighted mean of equal quantities), so only floating-point rounding separates the
    /// forecast from the true continuation: 1e-6 is orders of magnitude above that rounding (~1e-12
    /// on values near 100) and far below any modelling error.
    /// </summary>
    [Theory]
    [InlineData(0.5, 0.3, 0.3)]
    [InlineData(0.1, 0.1, 0.9)]
    [InlineData(0.9, 0.7, 0.1)]
    public void Holt_winters_continues_trend_and_season(double alpha, double beta, double gamma)
    {
        var history = Series.Seasonal(48, slope: 0.8, intercept: 100, amplitude: 10, period: 12);
        var truth = Series.Seasonal(48 + 14, slope: 0.8, intercept: 100, amplitude: 10, period: 12);

        var forecast = ExponentialSmoothing.HoltWinters(history, 12, 14, alpha, beta, gamma);

        Assert.Equal(ForecastMethod.HoltWinters, forecast.Method);
        for (var h = 1; h <= 14; h++)
        {
            Assert.Equal(truth[47 + h], forecast.Values[h - 1], 1e-6);
        }
    }

    [Fact]
    public void Holt_winters_handles_an_uneven_cycle()
    {
        double[] cycle = [3, -1, 4, 1, -5];
        var values = Enumerable.Range(0, 23).Select(t => 50 - 0.5 * t + cycle[t % 5]).ToArray();

        var forecast = ExponentialSmoothing.HoltWinters(values, 5, 4, 0.3, 0.3, 0.3);

        for (var h = 1; h <= 4; h++)
        {
            var t = 22 + h;
            Assert.Equal(50 - 0.5 * t + cycle[t % 5], forecast.Values[h - 1], 1e-6);
        }
    }

    [Fact]
    public void Fit_keeps_the_grid_combination_with_the_smallest_one_step_error()
    {
        var random = new Random(9);
        var values = Series.Seasonal(36, slope: 1, intercept: 10, amplitude: 4, period: 6).Select(v => v + random.NextDouble() * 3).ToArray();

        var best = ExponentialSmoothing.Fit(values, 6, 3);

        Assert.Equal(ForecastMethod.HoltWinters, best.Method);
        foreach (var alpha in ExponentialSmoothing.Grid)
        {
            foreach (var beta in ExponentialSmoothing.Grid)
            {
                foreach (var gamma in ExponentialSmoothing.Grid)
                {
                    Assert.True(best.Sse <= ExponentialSmoothing.HoltWinters(values, 6, 3, alpha, beta, gamma).Sse);
                }
            }
        }
        var again = ExponentialSmoothing.HoltWinters(values, 6, 3, best.Parameters.Alpha, best.Parameters.Beta, best.Parameters.Gamma!.Value);
        Assert.Equal(again.Values, best.Values);
    }

    [Fact]
    public void Fit_without_a_period_is_holt()
    {
        var random = new Random(2);
        var values = Enumerable.Range(0, 30).Select(t => 2.0 * t + random.NextDouble()).ToArray();

        var best = ExponentialSmoothing.Fit(values, null, 3);

        Assert.Equal(ForecastMethod.Holt, best.Method);
        Assert.Null(best.Parameters.Gamma);
        Assert.All(
            ExponentialSmoothing.Grid.SelectMany(a => ExponentialSmoothing.Grid.Select(b => ExponentialSmoothing.Holt(values, 3, a, b).Sse)),
            sse => Assert.True(best.Sse <= sse));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Horizon_must_be_from_one_to_sixty(int horizon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialSmoothing.Fit([1, 2, 3], null, horizon));
    }

    [Fact]
    public void Holt_winters_needs_two_full_cycles_and_valid_weights()
    {
        Assert.Throws<ArgumentException>(() => ExponentialSmoothing.HoltWinters(Series.Line(23, 1, 0), 12, 3, 0.5, 0.5, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialSmoothing.Holt([1, 2], 3, 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialSmoothing.Holt([1, 2], 3, 0.5, 1.5));
    }
}
