namespace Actors.Analytics.Trends;

/// <summary>Everything the trend analysis measures about one series.</summary>
/// <param name="GrowthPct">First-to-last growth in percent; null when the first value is 0.</param>
/// <param name="Season">The detected cycle, or null.</param>
/// <param name="Trend">The fitted line at each period.</param>
/// <param name="ForecastTimes">Times of the forecast periods; missing cells when the series has no cadence.</param>
public sealed record SeriesTrend(
    TimeSeries Series,
    LinearFit Fit,
    double? GrowthPct,
    Seasonality? Season,
    IReadOnlyList<Anomaly> Anomalies,
    Forecast Forecast,
    IReadOnlyList<Cell> ForecastTimes,
    IReadOnlyList<double> Trend,
    IReadOnlyList<double?> MovingAverage)
{
    public const int DefaultHorizon = 3;

    public static SeriesTrend Analyse(TimeSeries series, int horizon = DefaultHorizon, int movingAverageWindow = Trends.MovingAverage.DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(series);
        var values = series.Values;
        var fit = LinearFit.Of(values);
        var season = Seasonality.Detect(values);
        var forecast = ExponentialSmoothing.Fit(values, season?.Period, horizon);
        return new SeriesTrend(
            series,
            fit,
            Growth.Percent(values),
            season,
            Trends.Anomalies.Detect(values, fit, season),
            forecast,
            [.. Enumerable.Range(1, horizon).Select(series.TimeAfter)],
            [.. Enumerable.Range(0, values.Count).Select(i => fit.At(i))],
            Trends.MovingAverage.Trailing(values, movingAverageWindow));
    }
}
