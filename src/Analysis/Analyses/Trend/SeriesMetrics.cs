using System.Text.Json.Nodes;

namespace Actors.Analyses.Trend;

/// <summary>
/// One series' metrics as the report reads them back from the <c>trend</c> step's output. Numbers
/// are the stored (rounded) values, so text built from them quotes exactly what metrics hold.
/// Times are the stored JSON nodes: a string, a number or null.
/// </summary>
internal sealed record SeriesMetrics(
    string Field,
    int N,
    JsonNode? Start,
    JsonNode? End,
    double Slope,
    double Intercept,
    double R2,
    double? GrowthPct,
    int? SeasonalityPeriod,
    double? SeasonalityAcf,
    IReadOnlyList<AnomalyMetric> Anomalies,
    string ForecastMethod,
    IReadOnlyList<ForecastMetric> Forecast);

internal sealed record AnomalyMetric(int Index, JsonNode? T, double Value, double Expected, double Score);

internal sealed record ForecastMetric(JsonNode? T, int Index, double Value);
