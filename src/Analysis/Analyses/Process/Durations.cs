using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Process;

/// <summary>
/// Times as stored and as quoted. Metrics are rounded here, once, to <see cref="Decimals"/> decimals,
/// and text prints those stored values, so every figure a reader sees is in the metrics.
/// </summary>
internal static class Durations
{
    public const int Decimals = 2;

    private const double SecondsPerHour = 3600;

    /// <summary>Below this many hours the hour figure adds nothing a reader needs beyond the seconds.</summary>
    private const double MinimumHoursShown = 0.1;

    public static double Seconds(double seconds) => Round(seconds);

    public static double? Seconds(double? seconds) => seconds is { } s ? Round(s) : null;

    public static double Hours(double seconds) => Round(seconds / SecondsPerHour);

    public static double? Hours(double? seconds) => seconds is { } s ? Hours(s) : null;

    /// <summary>"7200 s (2 h)", or just "45 s" when the wait is too short for hours to help.</summary>
    public static string Text(double seconds, double hours) =>
        hours >= MinimumHoursShown
            ? $"{Figures.Format(seconds)} s ({Figures.Format(hours)} h)"
            : $"{Figures.Format(seconds)} s";

    private static double Round(double value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
