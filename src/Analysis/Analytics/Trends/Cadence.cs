using System.Globalization;

namespace Actors.Analytics.Trends;

/// <summary>
/// The constant step between a time field's values, used to name the periods after a series' last one.
/// <para>
/// Numeric time: every gap equals (last − first)/(n − 1) to within 1e-9 of the step; future times
/// are last + step·i. Dates: if every time falls on the same day of month and time of day and the
/// month gaps are all equal (monthly, quarterly, yearly…), future times add that many months; else
/// if every gap is the same duration (days, weeks, hours…), future times add it. Future dates are
/// written yyyy-MM-dd when every input was a plain date, otherwise as a UTC ISO-8601 timestamp.
/// No constant step (or fewer than two distinct times) means no cadence.
/// </para>
/// </summary>
public sealed class Cadence
{
    private const double StepTolerance = 1e-9;

    private readonly bool _dateOnly;

    private Cadence(double numberStep, TimeSpan duration, int months, bool dateOnly)
    {
        NumberStep = numberStep;
        Duration = duration;
        Months = months;
        _dateOnly = dateOnly;
    }

    /// <summary>Step of a numeric cadence, else 0.</summary>
    public double NumberStep { get; }

    /// <summary>Length of a period for a fixed-duration date cadence, else zero.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Months per period for a calendar cadence, else 0.</summary>
    public int Months { get; }

    /// <summary>Cadence of strictly increasing numbers, or null when the gaps differ.</summary>
    public static Cadence? OfNumbers(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2)
        {
            return null;
        }
        var step = (times[^1] - times[0]) / (times.Count - 1);
        if (!(step > 0) || !double.IsFinite(step))
        {
            return null;
        }
        for (var i = 1; i < times.Count; i++)
        {
            if (Math.Abs(times[i] - times[i - 1] - step) > StepTolerance * step)
            {
                return null;
            }
        }
        return new Cadence(step, TimeSpan.Zero, 0, false);
    }

    /// <summary>Cadence of strictly increasing instants, or null when there is no constant step.</summary>
    /// <param name="dateOnly">Whether every input was a plain date, which decides how future times are written.</param>
    public static Cadence? OfDates(IReadOnlyList<DateTimeOffset> times, bool dateOnly)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2)
        {
            return null;
        }
        var utc = times.Select(t => t.UtcDateTime).ToArray();
        var first = utc[0];
        var months = MonthNumber(utc[1]) - MonthNumber(first);
        var calendar = months > 0;
        for (var i = 1; i < utc.Length && calendar; i++)
        {
            calendar = utc[i].Day == first.Day
                && utc[i].TimeOfDay == first.TimeOfDay
                && MonthNumber(utc[i]) - MonthNumber(utc[i - 1]) == months;
        }
        if (calendar)
        {
            return new Cadence(0, TimeSpan.Zero, months, dateOnly);
        }
        var duration = utc[1] - first;
        if (duration <= TimeSpan.Zero)
        {
            return null;
        }
        for (var i = 2; i < utc.Length; i++)
        {
            if (utc[i] - utc[i - 1] != duration)
            {
                return null;
            }
        }
        return new Cadence(0, duration, 0, dateOnly);
    }

    /// <summary>The number <paramref name="periods"/> steps after <paramref name="last"/>; a missing cell for a date cadence.</summary>
    public Cell After(double last, int periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        // Rounding strips the float residue of steps such as 0.1 (0.30000000000000004).
        return NumberStep > 0
            ? Cell.Of(Math.Round(last + NumberStep * periods, 9, MidpointRounding.AwayFromZero))
            : Cell.Missing;
    }

    /// <summary>The date <paramref name="periods"/> steps after <paramref name="last"/>, written like the input; a missing cell for a numeric cadence.</summary>
    public Cell After(DateTimeOffset last, int periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        if (NumberStep > 0)
        {
            return Cell.Missing;
        }
        try
        {
            var start = last.ToUniversalTime();
            var next = Months > 0 ? start.AddMonths(Months * periods) : start + Duration * periods;
            return Cell.Of(Format(next, _dateOnly));
        }
        catch (ArgumentOutOfRangeException)
        {
            // Past year 9999 there is no date to name.
            return Cell.Missing;
        }
    }

    /// <summary>A date as future times are written: yyyy-MM-dd, or a UTC timestamp when not date-only.</summary>
    public static string Format(DateTimeOffset value, bool dateOnly) =>
        dateOnly
            ? value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static int MonthNumber(DateTime value) => value.Year * 12 + value.Month - 1;
}
