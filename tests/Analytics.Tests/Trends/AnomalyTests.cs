using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class AnomalyTests
{
    [Fact]
    public void Robust_scores_match_the_hand_computation()
    {
        // Median 3; |deviations| 2, 1, 0, 1, 97 → MAD 1; z = 0.6745·(r − 3)/1.
        var scores = Anomalies.RobustScores([1, 2, 3, 4, 100]);

        Assert.Equal([-1.349, -0.6745, 0, 0.6745, 65.4265], scores.Select(s => Math.Round(s, 10)));
    }

    [Fact]
    public void Zero_mad_falls_back_to_the_mean_absolute_deviation()
    {
        // Median 0 and MAD 0; mean |deviation| = 10/7, so the spike scores 10 / (1.253314·10/7).
        var scores = Anomalies.RobustScores([0, 0, 0, 0, 0, 0, 10]);

        Assert.Equal(7 / 1.253314, scores[6], 10);
        Assert.All(scores.Take(6), s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void Identical_residuals_score_zero()
    {
        Assert.All(Anomalies.RobustScores([4, 4, 4, 4]), s => Assert.Equal(0.0, s));
        Assert.Empty(Anomalies.RobustScores([]));
    }

    [Fact]
    public void Spike_on_a_line_is_the_only_anomaly()
    {
        var values = Series.With(Series.Line(30, 2, 10), 17, 50);
        var fit = LinearFit.Of(values);

        var anomaly = Assert.Single(Anomalies.Detect(values, fit, null));

        Assert.Equal(17, anomaly.Index);
        Assert.Equal(values[17], anomaly.Value);
        Assert.Equal(fit.At(17), anomaly.Expected, 10);
        Assert.True(anomaly.Score > Anomalies.Threshold);
    }

    [Fact]
    public void Dip_scores_negative()
    {
        var values = Series.With(Series.Line(30, 2, 10), 4, -40);

        var anomaly = Assert.Single(Anomalies.Detect(values, LinearFit.Of(values), null));

        Assert.Equal(4, anomaly.Index);
        Assert.True(anomaly.Score < -Anomalies.Threshold);
    }

    [Fact]
    public void Spike_on_trend_and_season_is_the_only_anomaly()
    {
        var values = Series.With(Series.Seasonal(48, slope: 0.5, intercept: 20, amplitude: 5, period: 12), 30, 25);
        var fit = LinearFit.Of(values);
        var season = Seasonality.Detect(values);

        Assert.Equal(12, season?.Period);
        var anomaly = Assert.Single(Anomalies.Detect(values, fit, season));
        Assert.Equal(30, anomaly.Index);
    }

    [Fact]
    public void Noisy_seasonal_series_without_spikes_has_no_anomalies()
    {
        var random = new Random(5);
        var values = Series.Seasonal(48, slope: 0.5, intercept: 20, amplitude: 5, period: 12).Select(v => v + random.NextDouble()).ToArray();
        var fit = LinearFit.Of(values);

        Assert.Empty(Anomalies.Detect(values, fit, Seasonality.Detect(values)));
    }

    [Fact]
    public void Seasonal_expectation_is_the_line_plus_the_phase_median()
    {
        // Period 2, 8 values; de-trended phases are {+1, +1, +1, +9} and {−1, −1, −1, −1} around the fitted line.
        double[] values = [1, -1, 1, -1, 1, -1, 9, -1];
        var fit = LinearFit.Of(values);
        var detrended = Seasonality.Detrend(values, fit);
        var even = Median([detrended[0], detrended[2], detrended[4], detrended[6]]);
        var odd = Median([detrended[1], detrended[3], detrended[5], detrended[7]]);

        var expected = Anomalies.Expected(values, fit, new Seasonality(2, 0.5));

        Assert.Equal(fit.At(0) + even, expected[0], 12);
        Assert.Equal(fit.At(5) + odd, expected[5], 12);
        Assert.Equal(fit.At(6) + even, expected[6], 12);
    }

    [Fact]
    public void Exact_line_and_short_series_have_no_anomalies()
    {
        var line = Series.Line(50, 1.1, 3.3);
        Assert.Empty(Anomalies.Detect(line, LinearFit.Of(line), null));

        double[] shortSeries = [1, 1, 1, 1, 1, 1, 100];
        Assert.Empty(Anomalies.Detect(shortSeries, LinearFit.Of(shortSeries), null));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[1] + sorted[2]) / 2;
    }
}
