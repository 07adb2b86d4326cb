namespace Actors.Analytics.Trends;

/// <summary>
/// One value field of a table ordered by its time field.
/// <para>
/// Rules: the time field is numeric when every present time is a number, otherwise dates (see
/// <see cref="Cell.TryGetDate"/>). Rows whose time is missing or unreadable, or whose value is missing
/// or not a number, are skipped and counted. Rows are ordered by time (stably, so input order breaks
/// no ties that matter); rows sharing a time become one period holding the mean of their values —
/// the mean rather than the sum, because the fields are measurements (a rate, a price, a level)
/// as often as they are counts, and a mean never invents a jump from a duplicated row.
/// The <see cref="Cadence"/> is read from every row with a readable time, so a period whose value
/// alone is missing leaves the time axis regular; future times count on from the series' last period.
/// </para>
/// </summary>
public sealed class TimeSeries
{
    private readonly double _lastNumber;
    private readonly DateTimeOffset _lastDate;

    private TimeSeries(
        string timeField,
        string valueField,
        TimeKind kind,
        IReadOnlyList<TimePoint> points,
        IReadOnlyList<int> skippedRows,
        int mergedRows,
        Cadence? cadence,
        double lastNumber,
        DateTimeOffset lastDate)
    {
        TimeField = timeField;
        ValueField = valueField;
        Kind = kind;
        Points = points;
        Values = [.. points.Select(p => p.Value)];
        SkippedRows = skippedRows;
        MergedRows = mergedRows;
        Cadence = cadence;
        _lastNumber = lastNumber;
        _lastDate = lastDate;
    }

    public string TimeField { get; }

    public string ValueField { get; }

    public TimeKind Kind { get; }

    /// <summary>Periods in time order, one per distinct time.</summary>
    public IReadOnlyList<TimePoint> Points { get; }

    /// <summary>The periods' values, for the statistics that work on plain numbers.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Indexes (in the table) of the rows left out for a missing or unreadable time or value.</summary>
    public IReadOnlyList<int> SkippedRows { get; }

    /// <summary>Rows folded into an earlier row with the same time.</summary>
    public int MergedRows { get; }

    /// <summary>The step that names future periods, or null when the times have no constant step.</summary>
    public Cadence? Cadence { get; }

    /// <summary>
    /// Reads the series. Throws <see cref="DataFormatException"/> (naming the option to set) when
    /// no row has both a readable time and a numeric value.
    /// </summary>
    public static TimeSeries Read(DataTable table, string timeField, string valueField)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(timeField);
        ArgumentNullException.ThrowIfNull(valueField);
        var times = table.Column(timeField);
        var values = table.Column(valueField);
        var kind = IsNumeric(times) ? TimeKind.Numeric : TimeKind.Datetime;

        var rows = new List<Row>(table.RowCount);
        var axisNumbers = new SortedSet<double>();
        var axisDates = new SortedSet<DateTimeOffset>();
        var skipped = new List<int>();
        var anyTime = false;
        var dateOnly = true;
        for (var r = 0; r < times.Length; r++)
        {
            var cell = times[r];
            Row row;
            if (kind == TimeKind.Numeric && cell.TryGetNumber(out var number))
            {
                row = new Row(number, default, Cell.Of(number), 0);
                axisNumbers.Add(number);
            }
            else if (kind == TimeKind.Datetime && cell.TryGetDate(out var date, out var isDate))
            {
                dateOnly &= isDate;
                row = new Row(0, date, Cell.Of(cell.ToString().Trim()), 0);
                axisDates.Add(date);
            }
            else
            {
                skipped.Add(r);
                continue;
            }
            anyTime = true;
            if (!values[r].TryGetNumber(out var value))
            {
                skipped.Add(r);
                continue;
            }
            rows.Add(row with { Value = value });
        }
        if (!anyTime)
        {
            throw new DataFormatException(
                $"The time field '{timeField}' holds no numbers or ISO dates (yyyy-MM-dd); set options.time_field to a column that does.");
        }
        if (rows.Count == 0)
        {
            throw new DataFormatException(
                $"The value field '{valueField}' has no numbers in rows that have a time; set options.value_field to a numeric column.");
        }

        var ordered = kind == TimeKind.Numeric
            ? rows.OrderBy(r => r.Number).ToList()
            : rows.OrderBy(r => r.Date.UtcTicks).ToList();
        var points = new List<TimePoint>();
        var merged = 0;
        for (var start = 0; start < ordered.Count;)
        {
            var end = start + 1;
            while (end < ordered.Count && SameTime(ordered[start], ordered[end], kind))
            {
                end++;
            }
            double sum = 0;
            for (var i = start; i < end; i++)
            {
                sum += ordered[i].Value;
            }
            points.Add(new TimePoint(ordered[start].Label, sum / (end - start)));
            merged += end - start - 1;
            start = end;
        }
        // SortedSet of DateTimeOffset compares instants, so two spellings of one instant count once.
        var cadence = kind == TimeKind.Numeric ? Cadence.OfNumbers([.. axisNumbers]) : Cadence.OfDates([.. axisDates], dateOnly);
        return new TimeSeries(timeField, valueField, kind, points, skipped, merged, cadence, ordered[^1].Number, ordered[^1].Date);
    }

    /// <summary>The time <paramref name="periods"/> steps after the last period, or a missing cell without a cadence.</summary>
    public Cell TimeAfter(int periods) => Cadence switch
    {
        null => Cell.Missing,
        _ when Kind == TimeKind.Numeric => Cadence.After(_lastNumber, periods),
        _ => Cadence.After(_lastDate, periods),
    };

    private static bool IsNumeric(ReadOnlySpan<Cell> times)
    {
        var any = false;
        foreach (var cell in times)
        {
            if (cell.IsMissing)
            {
                continue;
            }
            if (!cell.TryGetNumber(out _))
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static bool SameTime(Row a, Row b, TimeKind kind) =>
        kind == TimeKind.Numeric ? a.Number == b.Number : a.Date.UtcTicks == b.Date.UtcTicks;

    private sealed record Row(double Number, DateTimeOffset Date, Cell Label, double Value);
}
