using System.Globalization;

namespace Actors.Numbers;

/// <summary>Numbers as they appear in report text: at most four decimals, invariant culture.</summary>
internal static class Figures
{
    public static string Format(double value)
    {
        var rounded = Math.Round(value, 4, MidpointRounding.AwayFromZero);
        // Avoid printing "-0" for tiny negatives.
        return (rounded == 0 ? 0 : rounded).ToString("0.####", CultureInfo.InvariantCulture);
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Plural(int count, string singular, string plural) =>
        $"{Format(count)} {(count == 1 ? singular : plural)}";
}
