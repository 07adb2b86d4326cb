using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Numbers;

/// <summary>
/// The fixed decimals of figures stored in metrics: four for values, two for percentages. Steps round
/// once when they write, and report text prints the stored value with <see cref="Figures"/> (which
/// shows up to four decimals), so every number in text is exactly a number in metrics.
/// </summary>
internal static class Rounded
{
    public static double Value(double value) => Normal(Math.Round(value, 4, MidpointRounding.AwayFromZero));

    public static double Percent(double value) => Normal(Math.Round(value, 2, MidpointRounding.AwayFromZero));

    /// <summary>A rounded value as JSON; null when it is not finite, which JSON cannot carry.</summary>
    public static JsonNode? ValueNode(double? value) => value is { } v ? JsonNumbers.Number(Value(v)) : null;

    public static JsonNode? PercentNode(double? value) => value is { } v ? JsonNumbers.Number(Percent(v)) : null;

    // "-0" would print as 0 but compare oddly; keep one zero.
    private static double Normal(double value) => value == 0 ? 0 : value;
}
