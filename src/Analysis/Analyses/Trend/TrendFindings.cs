using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Trend;

/// <summary>
/// Turns series metrics into findings. Text quotes numbers with <see cref="Figures"/>, and only the
/// stored metric values, so every figure can be checked; thresholds are described in words.
/// Times and field names are always quoted, so the digits in a date are not mistaken for figures.
/// </summary>
internal static class TrendFindings
{
    /// <summary>A line explaining at least half the variance is called a trend.</summary>
    public const double SignificantR2 = 0.5;

    /// <summary>Below this many periods a line through the points says little.</summary>
    public const int MinPeriods = 4;

    public const int MaxFindingsPerKind = 10;

    /// <summary>Findings ordered by severity (warnings first), then kind, then how pronounced they are.</summary>
    public static IReadOnlyList<Finding> Evaluate(IReadOnlyList<SeriesMetrics> series)
    {
        IEnumerable<Finding> all =
        [
            .. UnusualPeriods(series),
            .. ShortSeries(series),
            .. Trends(series),
            .. Seasons(series),
            .. Flat(series),
        ];
        // OrderBy is stable, so kind and magnitude order survive within a severity.
        return all.OrderByDescending(f => f.Severity).ToArray();
    }

    public static bool IsTrend(SeriesMetrics s) => s.N >= MinPeriods && s.R2 >= SignificantR2 && s.Slope != 0;

    private static IEnumerable<Finding> UnusualPeriods(IReadOnlyList<SeriesMetrics> series)
    {
        var unusual = series
            .SelectMany(s => s.Anomalies.Select(a => (Series: s, Anomaly: a)))
            .OrderByDescending(p => Math.Abs(p.Anomaly.Score))
            .Take(MaxFindingsPerKind);
        foreach (var (s, a) in unusual)
        {
            var t = TrendJson.TimeText(a.T);
            var direction = a.Score > 0 ? "above" : "below";
            var pattern = s.SeasonalityPeriod is null ? "the trend predicts" : "the trend and season predict";
            yield return new Finding(
                $"'{s.Field}' is unusual at '{t}'",
                Severity.Warning,
                $"At '{t}' (index {Figures.Format(a.Index)}), '{s.Field}' is {Figures.Format(a.Value)}, {direction} the {Figures.Format(a.Expected)} "
                    + $"that {pattern}: a robust z-score of {Figures.Format(a.Score)}.",
                new JsonObject
                {
                    ["metric"] = "series",
                    ["series"] = s.Field,
                    ["index"] = a.Index,
                    ["t"] = a.T?.DeepClone(),
                    ["value"] = a.Value,
                    ["expected"] = a.Expected,
                    ["score"] = a.Score,
                },
                new Recommendation(
                    $"Check '{s.Field}' at '{t}'",
                    $"Confirm whether '{s.Field}' at '{t}' is an entry error, a one-off event or the start of a change, and exclude or annotate it so that it does not skew targets and forecasts.",
                    Level.Medium,
                    Level.Low));
        }
    }

    private static IEnumerable<Finding> ShortSeries(IReadOnlyList<SeriesMetrics> series)
    {
        foreach (var s in series.Where(s => s.N < MinPeriods).Take(MaxFindingsPerKind))
        {
            yield return new Finding(
                $"'{s.Field}' is too short to judge",
                Severity.Warning,
                $"'{s.Field}' has only {Figures.Plural(s.N, "period", "periods")} with both a time and a value, too few to tell a trend from chance.",
                new JsonObject { ["metric"] = "series", ["series"] = s.Field, ["n"] = s.N },
                new Recommendation(
                    $"Collect more periods of '{s.Field}'",
                    $"Add earlier history or wait for more periods of '{s.Field}' before acting on its direction.",
                    Level.Medium,
                    Level.Medium));
        }
    }

    private static IEnumerable<Finding> Trends(IReadOnlyList<SeriesMetrics> series)
    {
        foreach (var s in series.Where(IsTrend).OrderByDescending(s => s.R2).Take(MaxFindingsPerKind))
        {
            var rising = s.Slope > 0;
            var detail = $"The fitted line for '{s.Field}' has a slope of {Figures.Format(s.Slope)} per period over {Figures.Plural(s.N, "period", "periods")} "
                + $"(R-squared {Figures.Format(s.R2)}), so it is {(rising ? "rising" : "falling")} steadily";
            if (s.GrowthPct is { } growth)
            {
                detail += $"; from first to last it changed by {Figures.Format(growth)}%";
            }
            var next = s.Forecast.Count > 0
                ? $" The {MethodName(s.ForecastMethod)} forecast puts the next period at {Figures.Format(s.Forecast[0].Value)}."
                : "";
            yield return new Finding(
                $"'{s.Field}' is trending {(rising ? "up" : "down")}",
                Severity.Info,
                detail + ".",
                Evidence(s),
                rising
                    ? new Recommendation(
                        $"Plan for continued growth in '{s.Field}'",
                        $"If the trend holds, '{s.Field}' keeps changing by about {Figures.Format(s.Slope)} per period.{next} Use it for targets and capacity, and re-run the analysis as new periods arrive.",
                        Level.Medium,
                        Level.Low)
                    : new Recommendation(
                        $"Investigate the decline in '{s.Field}'",
                        $"'{s.Field}' has been falling steadily, by about {Figures.Format(s.Slope)} per period.{next} Find what drives the drop before it compounds.",
                        Level.High,
                        Level.Medium));
        }
    }

    private static IEnumerable<Finding> Seasons(IReadOnlyList<SeriesMetrics> series)
    {
        var seasonal = series
            .Where(s => s.SeasonalityPeriod is not null && s.SeasonalityAcf is not null)
            .OrderByDescending(s => s.SeasonalityAcf)
            .Take(MaxFindingsPerKind);
        foreach (var s in seasonal)
        {
            var period = s.SeasonalityPeriod!.Value;
            yield return new Finding(
                $"'{s.Field}' repeats every {Figures.Plural(period, "period", "periods")}",
                Severity.Info,
                $"Once its trend is removed, '{s.Field}' correlates at {Figures.Format(s.SeasonalityAcf!.Value)} with itself {Figures.Plural(period, "period", "periods")} earlier: "
                    + $"a cycle of {Figures.Plural(period, "period", "periods")}.",
                new JsonObject
                {
                    ["metric"] = "series",
                    ["series"] = s.Field,
                    ["seasonality_period"] = period,
                    ["seasonality_acf"] = s.SeasonalityAcf,
                },
                new Recommendation(
                    $"Compare '{s.Field}' like for like across cycles",
                    $"Judge each period of '{s.Field}' against the same point of earlier cycles rather than against the period before, and plan for its recurring peaks and troughs.",
                    Level.Medium,
                    Level.Low));
        }
    }

    private static IEnumerable<Finding> Flat(IReadOnlyList<SeriesMetrics> series)
    {
        foreach (var s in series.Where(s => s.N >= MinPeriods && !IsTrend(s)).OrderBy(s => s.R2).Take(MaxFindingsPerKind))
        {
            var detail = $"A straight line explains little of '{s.Field}' over {Figures.Plural(s.N, "period", "periods")} "
                + $"(R-squared {Figures.Format(s.R2)}, slope {Figures.Format(s.Slope)} per period)";
            if (s.GrowthPct is { } growth)
            {
                detail += $"; from first to last it changed by {Figures.Format(growth)}%";
            }
            yield return new Finding(
                $"'{s.Field}' has no clear trend",
                Severity.Info,
                detail + ".",
                Evidence(s),
                new Recommendation(
                    $"Look beyond time for what moves '{s.Field}'",
                    $"The passage of time does not explain the changes in '{s.Field}'; compare it with other fields (prices, regions, channels) to find its drivers.",
                    Level.Low,
                    Level.Medium));
        }
    }

    private static JsonObject Evidence(SeriesMetrics s) => new()
    {
        ["metric"] = "series",
        ["series"] = s.Field,
        ["n"] = s.N,
        ["slope_per_period"] = s.Slope,
        ["r2"] = s.R2,
        ["growth_pct"] = s.GrowthPct,
    };

    public static string MethodName(string method) => method == "holt_winters" ? "Holt-Winters" : "Holt";
}
