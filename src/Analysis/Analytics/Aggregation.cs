namespace Actors.Analytics;

/// <summary>
/// The aggregates a question or a tool may ask of a group of numbers, by name. One place, so a
/// rule-based answer and an agent's group-by agree to the last digit.
/// </summary>
public static class Aggregation
{
    public const string Count = "count";
    public const string Sum = "sum";
    public const string Mean = "mean";
    public const string Median = "median";
    public const string Min = "min";
    public const string Max = "max";

    public static readonly IReadOnlyList<string> Names = [Count, Sum, Mean, Median, Min, Max];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The aggregate of <paramref name="values"/> (count: how many); NaN for an empty list, except count and sum.</summary>
    public static double Of(string name, IReadOnlyList<double> values) => name switch
    {
        Count => values.Count,
        Sum => values.Sum(),
        _ when values.Count == 0 => double.NaN,
        Mean => values.Average(),
        Median => MedianOf(values),
        Min => values.Min(),
        Max => values.Max(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown aggregate; known: {string.Join(", ", Names)}."),
    };

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
