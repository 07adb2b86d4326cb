namespace Actors.Reports;

/// <summary>Maps data values onto a pixel range; a degenerate domain maps to the range's middle.</summary>
internal readonly record struct LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    /// <summary>Halves before subtracting so a domain spanning most of double's range does not overflow.</summary>
    public double Map(double value) =>
        DomainMax > DomainMin
            ? RangeMin + (((value / 2) - (DomainMin / 2)) / ((DomainMax / 2) - (DomainMin / 2)) * (RangeMax - RangeMin))
            : (RangeMin + RangeMax) / 2;

    /// <summary>
    /// The smallest and largest of <paramref name="values"/>, widened when they coincide so a flat
    /// series still gets an axis; null when there is no value.
    /// </summary>
    public static (double Min, double Max)? Domain(IEnumerable<double> values)
    {
        double? min = null;
        double? max = null;
        foreach (var value in values)
        {
            min = Math.Min(min ?? value, value);
            max = Math.Max(max ?? value, value);
        }
        if (min is not { } low || max is not { } high)
        {
            return null;
        }
        if (high > low)
        {
            return (low, high);
        }
        var pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
        return (low - pad, high + pad);
    }
}
