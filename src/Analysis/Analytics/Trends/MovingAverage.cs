namespace Actors.Analytics.Trends;

/// <summary>Trailing moving average, aligned with the series so it can be drawn against the same times.</summary>
public static class MovingAverage
{
    public const int DefaultWindow = 3;

    /// <summary>
    /// Entry i is the mean of values i−window+1..i; the first window−1 entries are null because
    /// their window is incomplete.
    /// </summary>
    public static IReadOnlyList<double?> Trailing(IReadOnlyList<double> values, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var result = new double?[values.Count];
        for (var i = window - 1; i < values.Count; i++)
        {
            // Summed afresh per window: a running sum would drift on long series.
            double sum = 0;
            for (var j = i - window + 1; j <= i; j++)
            {
                sum += values[j];
            }
            result[i] = sum / window;
        }
        return result;
    }
}
