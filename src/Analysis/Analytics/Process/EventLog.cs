namespace Actors.Analytics.Process;

/// <summary>
/// A table read as an event log: events grouped into cases (in order of each case's first row) and
/// ordered within a case by start time, ties keeping input order. Rows lacking a case id, an activity
/// or a readable start time are skipped and counted, never guessed.
/// </summary>
public sealed class EventLog
{
    // Polled per row: often enough to stop a 100k-row log promptly, rarely enough to cost nothing.
    private const int CancellationStride = 8192;

    private EventLog(EventLogFields fields, TimestampKind kind, IReadOnlyList<ProcessCase> cases, int events, int rowsSkipped, int endTimesIgnored)
    {
        Fields = fields;
        TimestampKind = kind;
        Cases = cases;
        EventCount = events;
        RowsSkipped = rowsSkipped;
        EndTimesIgnored = endTimesIgnored;
    }

    public EventLogFields Fields { get; }

    public TimestampKind TimestampKind { get; }

    public IReadOnlyList<ProcessCase> Cases { get; }

    public int EventCount { get; }

    /// <summary>Rows without a case id, an activity or a start time readable as <see cref="TimestampKind"/>.</summary>
    public int RowsSkipped { get; }

    /// <summary>Kept events whose end time was present but unreadable or before the start; they have no end.</summary>
    public int EndTimesIgnored { get; }

    /// <summary>
    /// Reads the log. The time column's kind is decided once, by majority of its readable cells (ties
    /// go to datetimes), so a stray number cannot put one row on a different clock; the end column is
    /// read on the same clock. Case ids, activities and resources are the cells' text, trimmed.
    /// </summary>
    public static EventLog Read(DataTable table, EventLogFields fields, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fields);
        var caseCells = Column(table, fields.Case);
        var activityCells = Column(table, fields.Activity);
        var timeCells = Column(table, fields.Time);
        // Empty spans stand for absent optional columns.
        var endCells = fields.EndTime is null ? default : Column(table, fields.EndTime);
        var resourceCells = fields.Resource is null ? default : Column(table, fields.Resource);
        var kind = KindOf(timeCells);

        var byCase = new Dictionary<string, List<ProcessEvent>>(StringComparer.Ordinal);
        var order = new List<string>();
        int events = 0, skipped = 0, endsIgnored = 0;
        for (var r = 0; r < table.RowCount; r++)
        {
            if (r % CancellationStride == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (Label(caseCells[r]) is not { } caseId
                || Label(activityCells[r]) is not { } activity
                || !TryReadTime(timeCells[r], kind, out var start))
            {
                skipped++;
                continue;
            }
            double? end = null;
            if (!endCells.IsEmpty && !endCells[r].IsMissing)
            {
                if (TryReadTime(endCells[r], kind, out var e) && e >= start)
                {
                    end = e;
                }
                else
                {
                    endsIgnored++;
                }
            }
            var resource = resourceCells.IsEmpty ? null : Label(resourceCells[r]);
            if (!byCase.TryGetValue(caseId, out var caseEvents))
            {
                caseEvents = [];
                byCase.Add(caseId, caseEvents);
                order.Add(caseId);
            }
            caseEvents.Add(new ProcessEvent(r, activity, start, end, resource));
            events++;
        }

        var cases = new ProcessCase[order.Count];
        for (var i = 0; i < cases.Length; i++)
        {
            var caseEvents = byCase[order[i]];
            // Row breaks start-time ties, so this total order is the stable sort the definition asks for.
            caseEvents.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Row.CompareTo(b.Row));
            cases[i] = new ProcessCase(order[i], caseEvents);
        }
        return new EventLog(fields, kind, cases, events, skipped, endsIgnored);
    }

    /// <summary>A time cell as seconds: since the Unix epoch for datetimes, as written for numbers.</summary>
    public static bool TryReadTime(Cell cell, TimestampKind kind, out double seconds)
    {
        seconds = 0;
        if (kind == TimestampKind.Seconds)
        {
            return cell.TryGetNumber(out seconds);
        }
        if (!cell.TryGetDate(out var value, out _))
        {
            return false;
        }
        // Whole seconds and the sub-second rest separately, so whole-second differences stay exact.
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var whole = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        seconds = whole + (double)rest / TimeSpan.TicksPerSecond;
        return true;
    }

    private static TimestampKind KindOf(ReadOnlySpan<Cell> cells)
    {
        int dates = 0, numbers = 0;
        foreach (var cell in cells)
        {
            if (cell.TryGetDate(out _, out _))
            {
                dates++;
            }
            else if (cell.TryGetNumber(out _))
            {
                numbers++;
            }
        }
        return dates >= numbers && dates > 0 ? TimestampKind.Datetime : TimestampKind.Seconds;
    }

    private static string? Label(Cell cell)
    {
        if (cell.IsMissing)
        {
            return null;
        }
        var text = cell.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static ReadOnlySpan<Cell> Column(DataTable table, string name)
    {
        var index = table.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"The event log names column '{name}', which the table does not have.", nameof(table));
        }
        return table.Column(index);
    }
}
