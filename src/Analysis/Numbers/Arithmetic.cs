namespace Actors.Numbers;

/// <summary>
/// The arithmetic a model is given as tools instead of doing it in its head, so a difference, a
/// change or a ratio it quotes is a number a tool returned. NaN where the answer has no value.
/// </summary>
public static class Arithmetic
{
    public static double Difference(double a, double b) => b - a;

    /// <summary>The change from <paramref name="from"/> to <paramref name="to"/> in percent, to two decimals.</summary>
    public static double PercentChange(double from, double to) =>
        from == 0 ? double.NaN : Math.Round((to - from) / Math.Abs(from) * 100, 2);

    /// <summary>The ratio to four decimals.</summary>
    public static double Ratio(double numerator, double denominator) =>
        denominator == 0 ? double.NaN : Math.Round(numerator / denominator, 4);
}
