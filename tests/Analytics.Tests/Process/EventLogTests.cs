using Actors.Analytics.Process;

namespace Actors.Analytics.Tests.Process;

public sealed class EventLogTests
{
    private static readonly EventLogFields Fields = new("case_id", "activity", "timestamp");

    private static EventLog Read(DataTable table, EventLogFields? fields = null) => EventLog.Read(table, fields ?? Fields);

    private static string[] Activities(ProcessCase c) => [.. c.Events.Select(e => e.Activity)];

    [Fact]
    public void Groups_cases_in_order_of_first_row_and_sorts_their_events_by_time()
    {
        var log = Read(EventLogs.OfficeIso());

        Assert.Equal(["B", "A", "C", "D"], log.Cases.Select(c => c.Id));
        Assert.Equal(["Register", "Check", "Check", "Approve", "Pay"], Activities(log.Cases[0]));
        Assert.Equal(["Register", "Check", "Approve", "Pay"], Activities(log.Cases[1]));
        Assert.Equal(EventLogs.OfficeEvents, log.EventCount);
        Assert.Equal(EventLogs.OfficeSkipped, log.RowsSkipped);
        Assert.Equal(TimestampKind.Datetime, log.TimestampKind);
    }

    [Fact]
    public void Datetimes_read_as_seconds_since_the_unix_epoch()
    {
        var log = Read(EventLogs.OfficeIso());
        var register = log.Cases.Single(c => c.Id == "C").Events[0];

        // 2024-03-01T08:00:00Z
        Assert.Equal(1709280000, register.Start);
        Assert.Equal(2, register.Row);
    }

    [Fact]
    public void Cycle_time_and_path_follow_the_sorted_events()
    {
        var cases = Read(EventLogs.OfficeIso()).Cases.ToDictionary(c => c.Id);

        Assert.Equal(20700, cases["B"].CycleTime);
        Assert.Equal(10800, cases["A"].CycleTime);
        Assert.Equal(4800, cases["C"].CycleTime);
        Assert.Equal(300, cases["D"].CycleTime);
        Assert.Equal(EventLogs.ReworkPath, cases["B"].Path);
        Assert.Equal(EventLogs.RejectPath, cases["D"].Path);
    }

    [Fact]
    public void Numeric_seconds_read_like_datetimes_do()
    {
        var iso = Read(EventLogs.OfficeIso());
        var numbers = Read(EventLogs.OfficeSeconds());
        var texts = Read(EventLogs.OfficeSecondsText());

        Assert.Equal(TimestampKind.Seconds, numbers.TimestampKind);
        Assert.Equal(TimestampKind.Seconds, texts.TimestampKind);
        Assert.Equal(28800, numbers.Cases.Single(c => c.Id == "C").Events[0].Start);
        foreach (var other in new[] { numbers, texts })
        {
            Assert.Equal(iso.Cases.Select(c => (c.Id, c.Path, c.CycleTime)), other.Cases.Select(c => (c.Id, c.Path, c.CycleTime)));
            Assert.Equal(iso.RowsSkipped, other.RowsSkipped);
        }
    }

    [Fact]
    public void Equal_times_keep_input_order()
    {
        var forward = Read(EventLogs.Seconds(("x", "B", 100), ("x", "A", 100), ("x", "Start", 50)));
        var backward = Read(EventLogs.Seconds(("x", "A", 100), ("x", "B", 100), ("x", "Start", 50)));

        Assert.Equal("Start > B > A", forward.Cases[0].Path);
        Assert.Equal("Start > A > B", backward.Cases[0].Path);
    }

    [Fact]
    public void Rows_without_case_activity_or_readable_time_are_skipped_and_counted()
    {
        var table = new DataTable(
            ["case_id", "activity", "timestamp"],
            [
                ["c1", "a", "2024-01-01T00:00:00Z"],
                [Cell.Missing, "a", "2024-01-01T00:00:00Z"],
                ["   ", "a", "2024-01-01T00:00:00Z"],
                ["c1", Cell.Missing, "2024-01-01T00:00:00Z"],
                ["c1", "b", Cell.Missing],
                ["c1", "b", "yesterday"],
                ["c1", "b", "2024-01-01"],
                ["c1", "b", true],
            ]);

        var log = Read(table);

        Assert.Equal(6, log.RowsSkipped);
        Assert.Equal(2, log.EventCount);
        // A plain date is a readable time (midnight), tied with the first row, so input order decides.
        Assert.Equal("a > b", Assert.Single(log.Cases).Path);
    }

    [Fact]
    public void The_time_column_reads_on_its_majority_clock()
    {
        var table = new DataTable(
            ["case_id", "activity", "timestamp"],
            [
                ["c", "a", "2024-01-01T00:00:00Z"],
                ["c", "b", "2024-01-01T01:00:00Z"],
                ["c", "stray", 12],
            ]);

        var log = Read(table);

        Assert.Equal(TimestampKind.Datetime, log.TimestampKind);
        Assert.Equal(1, log.RowsSkipped);
        Assert.Equal("a > b", log.Cases[0].Path);
    }

    [Fact]
    public void Labels_are_trimmed_text_and_numbers_can_be_case_ids()
    {
        var table = new DataTable(
            ["case_id", "activity", "timestamp"],
            [
                [7, " a ", 1],
                ["7", "b", 2],
                [" 7 ", "c", 3],
            ]);

        var log = Read(table);

        var single = Assert.Single(log.Cases);
        Assert.Equal("7", single.Id);
        Assert.Equal("a > b > c", single.Path);
    }

    [Fact]
    public void End_times_and_resources_are_optional_per_row()
    {
        var table = new DataTable(
            ["case_id", "activity", "start", "end", "who"],
            [
                ["c", "a", 0, 10, "ann"],
                ["c", "b", 20, Cell.Missing, Cell.Missing],
                ["c", "d", 30, 25, "bob"],
                ["c", "e", 40, "soon", "bob"],
            ]);

        var log = Read(table, new EventLogFields("case_id", "activity", "start", "end", "who"));

        var events = log.Cases[0].Events;
        Assert.Equal(new double?[] { 10, null, null, null }, events.Select(e => e.End));
        Assert.Equal(new string?[] { "ann", null, "bob", "bob" }, events.Select(e => e.Resource));
        Assert.Equal(2, log.EndTimesIgnored);
        Assert.Equal(0, log.RowsSkipped);
    }

    [Fact]
    public void Unknown_columns_are_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => Read(EventLogs.OfficeIso(), new EventLogFields("case_id", "activity", "nope")));
    }

    [Fact]
    public void An_empty_log_has_no_cases()
    {
        var log = Read(new DataTable(["case_id", "activity", "timestamp"], [[Cell.Missing, "a", 1]]));

        Assert.Empty(log.Cases);
        Assert.Equal(0, log.EventCount);
        Assert.Equal(1, log.RowsSkipped);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => EventLog.Read(EventLogs.OfficeIso(), Fields, cancelled.Token));
    }
}
