using System.Globalization;

namespace Actors.Numbers;

/// <summary>Numbers as renderings show them: invariant culture, at most four significant decimals.</summary>
internal static class ReportNumbers
{
    public const string NotAvailable = "n/a";

    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            return NotAvailable;
        }
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e15)
        {
            // Fixed notation would print dozens of digits nobody reads.
            return value.ToString("0.###E+0", CultureInfo.InvariantCulture);
        }
        // Below 1, keep four significant digits so small correlations or rates do not round to 0.
        var decimals = magnitude is 0 or >= 1 ? 4 : Math.Clamp(3 - (int)Math.Floor(Math.Log10(magnitude)), 4, 12);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// SVG coordinates: two decimals are far below a pixel. Extreme data can scale outside any sane
    /// range, so coordinates are clamped rather than written as "Infinity".
    /// </summary>
    public static string Coordinate(double value)
    {
        var safe = double.IsNaN(value) ? 0 : Math.Clamp(value, -1e6, 1e6);
        var rounded = Math.Round(safe, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
