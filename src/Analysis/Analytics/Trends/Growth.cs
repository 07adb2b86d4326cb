namespace Actors.Analytics.Trends;

/// <summary>Change from the first to the last value of a series, in percent.</summary>
public static class Growth
{
    /// <summary>(last − first) / |first| · 100, or null when first is 0 (growth from nothing has no percentage).</summary>
    public static double? Percent(double first, double last) =>
        first == 0 ? null : (last - first) / Math.Abs(first) * 100;

    /// <summary>Growth between the first and last values; null for an empty series or a zero start.</summary>
    public static double? Percent(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : Percent(values[0], values[^1]);
    }
}
