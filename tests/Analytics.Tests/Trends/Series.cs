namespace Actors.Analytics.Tests.Trends;

/// <summary>Synthetic series with known structure.</summary>
internal static class Series
{
    public static double[] Line(int n, double slope, double intercept) =>
        [.. Enumerable.Range(0, n).Select(t => intercept + slope * t)];

    /// <summary>intercept + slope·t + amplitude·sin(2πt/period).</summary>
    public static double[] Seasonal(int n, double slope, double intercept, double amplitude, int period) =>
        [.. Enumerable.Range(0, n).Select(t => intercept + slope * t + amplitude * Math.Sin(2 * Math.PI * t / period))];

    public static double[] With(double[] values, int index, double delta)
    {
        var copy = (double[])values.Clone();
        copy[index] += delta;
        return copy;
    }
}
