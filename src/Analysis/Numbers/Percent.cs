namespace Actors.Numbers;

/// <summary>
/// Shares shown to readers, as percentages rounded to two decimals. One function so the value written
/// into metrics and the value quoted in text are the same double.
/// </summary>
internal static class Percent
{
    public static double Of(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 2, MidpointRounding.AwayFromZero);
}
