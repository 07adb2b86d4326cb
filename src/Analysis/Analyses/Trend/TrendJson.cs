using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;
using Actors.Analytics.Trends;

namespace Actors.Analyses.Trend;

/// <summary>
/// The <c>trend</c> step's output, written and read back by the report step:
/// <code>
/// { "time_field", "value_fields": [..], "rows_skipped", "horizon",
///   "series": { "&lt;field&gt;": { "n", "rows_skipped", "duplicate_times", "start", "end",
///       "slope_per_period", "intercept", "r2", "growth_pct", "seasonality_period", "seasonality_acf",
///       "anomalies": [{ "index", "t", "value", "expected", "score" }],
///       "forecast_method", "smoothing": { "alpha", "beta", "gamma" },
///       "forecast": [{ "t", "index", "value" }], "moving_average_window", "moving_average": [..] } },
///   "lines": { "&lt;field&gt;": { "points": [{ "t", "value" }], "trend": [{ "t", "value" }] } } }
/// </code>
/// Times ("t", "start", "end") are the input's time values as written: strings for dates, numbers
/// for numeric time; a forecast's t is null when the times have no constant step. Derived numbers
/// are rounded when stored (percentages to 2 decimals, the rest to 4) so report text can quote the
/// stored value exactly; the plotted points keep the data's own precision.
/// "rows_skipped" at the top counts rows skipped by at least one series.
/// </summary>
internal static class TrendJson
{
    public const int Decimals = 4;
    public const int PercentDecimals = 2;

    public static JsonObject Write(string timeField, int horizon, IReadOnlyList<SeriesTrend> trends)
    {
        var series = new JsonObject();
        var lines = new JsonObject();
        foreach (var trend in trends)
        {
            series[trend.Series.ValueField] = WriteSeries(trend);
            lines[trend.Series.ValueField] = WriteLines(trend);
        }
        var skipped = trends.SelectMany(t => t.Series.SkippedRows).Distinct().Count();
        return new JsonObject
        {
            ["time_field"] = timeField,
            ["value_fields"] = new JsonArray([.. trends.Select(t => (JsonNode?)JsonValue.Create(t.Series.ValueField))]),
            ["rows_skipped"] = skipped,
            ["horizon"] = horizon,
            ["series"] = series,
            ["lines"] = lines,
        };
    }

    /// <summary>A stored derived number: rounded half away from zero to <see cref="Decimals"/>.</summary>
    public static double Round(double value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

    private static JsonObject WriteSeries(SeriesTrend trend)
    {
        var points = trend.Series.Points;
        var anomalies = new JsonArray();
        foreach (var anomaly in trend.Anomalies)
        {
            anomalies.Add(new JsonObject
            {
                ["index"] = anomaly.Index,
                ["t"] = Time(points[anomaly.Index].Time),
                ["value"] = Number(anomaly.Value),
                ["expected"] = Number(anomaly.Expected),
                ["score"] = Number(anomaly.Score),
            });
        }
        var forecast = new JsonArray();
        for (var h = 0; h < trend.Forecast.Values.Count; h++)
        {
            forecast.Add(new JsonObject
            {
                ["t"] = Time(trend.ForecastTimes[h]),
                ["index"] = points.Count + h,
                ["value"] = Number(trend.Forecast.Values[h]),
            });
        }
        var parameters = trend.Forecast.Parameters;
        return new JsonObject
        {
            ["n"] = points.Count,
            ["rows_skipped"] = trend.Series.SkippedRows.Count,
            ["duplicate_times"] = trend.Series.MergedRows,
            ["start"] = Time(points[0].Time),
            ["end"] = Time(points[^1].Time),
            ["slope_per_period"] = Number(trend.Fit.Slope),
            ["intercept"] = Number(trend.Fit.Intercept),
            ["r2"] = Number(trend.Fit.RSquared),
            ["growth_pct"] = trend.GrowthPct is { } growth
                ? JsonNumbers.Number(Math.Round(growth, PercentDecimals, MidpointRounding.AwayFromZero))
                : null,
            ["seasonality_period"] = trend.Season is { } season ? season.Period : null,
            ["seasonality_acf"] = trend.Season is { } s ? Number(s.Autocorrelation) : null,
            ["anomalies"] = anomalies,
            ["forecast_method"] = trend.Forecast.Method == ForecastMethod.HoltWinters ? "holt_winters" : "holt",
            ["smoothing"] = new JsonObject
            {
                ["alpha"] = parameters.Alpha,
                ["beta"] = parameters.Beta,
                ["gamma"] = JsonNumbers.Number(parameters.Gamma),
            },
            ["forecast"] = forecast,
            ["moving_average_window"] = MovingAverage.DefaultWindow,
            ["moving_average"] = new JsonArray([.. trend.MovingAverage.Select(m => m is { } v ? Number(v) : null)]),
        };
    }

    private static JsonObject WriteLines(SeriesTrend trend)
    {
        var points = new JsonArray();
        var line = new JsonArray();
        var series = trend.Series.Points;
        for (var i = 0; i < series.Count; i++)
        {
            points.Add(new JsonObject { ["t"] = Time(series[i].Time), ["value"] = JsonNumbers.Number(series[i].Value) });
            line.Add(new JsonObject { ["t"] = Time(series[i].Time), ["value"] = Number(trend.Trend[i]) });
        }
        return new JsonObject { ["points"] = points, ["trend"] = line };
    }

    private static JsonNode? Number(double value) => JsonNumbers.Number(Round(value));

    private static JsonNode? Time(Cell time) => time.Kind switch
    {
        CellKind.Number => JsonNumbers.Number(time.Number!.Value),
        CellKind.Text => JsonValue.Create(time.Text),
        _ => null,
    };

    public static IReadOnlyList<SeriesMetrics> ReadSeries(JsonNode? node)
    {
        var json = JsonValues.Object(node, "trend");
        var series = JsonValues.Object(json["series"], "trend.series");
        var result = new List<SeriesMetrics>();
        foreach (var (field, value) in series)
        {
            var path = $"trend.series.{field}";
            var s = JsonValues.Object(value, path);
            var anomalies = JsonValues.Array(s["anomalies"], $"{path}.anomalies")
                .Select(a => JsonValues.Object(a, $"{path}.anomalies[]"))
                .Select(a => new AnomalyMetric(
                    JsonValues.Int(a["index"], $"{path}.anomalies[].index"),
                    a["t"]?.DeepClone(),
                    JsonValues.Double(a["value"], $"{path}.anomalies[].value"),
                    JsonValues.Double(a["expected"], $"{path}.anomalies[].expected"),
                    JsonValues.Double(a["score"], $"{path}.anomalies[].score")))
                .ToArray();
            var forecast = JsonValues.Array(s["forecast"], $"{path}.forecast")
                .Select(f => JsonValues.Object(f, $"{path}.forecast[]"))
                .Select(f => new ForecastMetric(
                    f["t"]?.DeepClone(),
                    JsonValues.Int(f["index"], $"{path}.forecast[].index"),
                    JsonValues.Double(f["value"], $"{path}.forecast[].value")))
                .ToArray();
            var period = JsonValues.NullableDouble(s["seasonality_period"], $"{path}.seasonality_period");
            result.Add(new SeriesMetrics(
                field,
                JsonValues.Int(s["n"], $"{path}.n"),
                s["start"]?.DeepClone(),
                s["end"]?.DeepClone(),
                JsonValues.Double(s["slope_per_period"], $"{path}.slope_per_period"),
                JsonValues.Double(s["intercept"], $"{path}.intercept"),
                JsonValues.Double(s["r2"], $"{path}.r2"),
                JsonValues.NullableDouble(s["growth_pct"], $"{path}.growth_pct"),
                period is null ? null : JsonValues.Int(s["seasonality_period"], $"{path}.seasonality_period"),
                JsonValues.NullableDouble(s["seasonality_acf"], $"{path}.seasonality_acf"),
                anomalies,
                JsonValues.String(s["forecast_method"], $"{path}.forecast_method"),
                forecast));
        }
        return result;
    }

    /// <summary>A stored time as report text shows it (always inside quotes): the string, or the number's JSON.</summary>
    public static string TimeText(JsonNode? time) => time switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        null => "",
        _ => time.ToJsonString(),
    };
}
