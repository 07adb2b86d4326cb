using System.Globalization;

namespace Actors.Analytics.Tests.Process;

/// <summary>Event logs with answers worked out by hand, shared by the process tests.</summary>
internal static class EventLogs
{
    public static readonly string[] Columns = ["case_id", "activity", "timestamp", "resource"];

    /// <summary>
    /// Four cases on 2024-03-01, rows deliberately shuffled, plus three rows that must be skipped
    /// (no case, no activity, no time):
    /// <code>
    /// A: Register 09:00 ann, Check 09:30 bob, Approve 11:30 cat, Pay 12:00 ann
    /// B: Register 10:00 ann, Check 10:15 bob, Check 10:45 bob, Approve 14:45 cat, Pay 15:45 ann
    /// C: Register 08:00 ann, Check 08:10 bob, Approve 09:10 cat, Pay 09:20 ann
    /// D: Register 13:00 ann, Reject 13:05 bob
    /// </code>
    /// </summary>
    public static readonly (string? Case, string? Activity, string? Time, string Resource)[] Office =
    [
        ("B", "Approve", "14:45", "cat"),
        ("A", "Pay", "12:00", "ann"),
        ("C", "Register", "08:00", "ann"),
        (null, "Pay", "10:00", "ann"),
        ("B", "Check", "10:45", "bob"),
        ("D", "Reject", "13:05", "bob"),
        ("A", "Register", "09:00", "ann"),
        ("B", "Register", "10:00", "ann"),
        ("C", "Pay", "09:20", "ann"),
        ("A", "Approve", "11:30", "cat"),
        ("B", null, "11:00", "bob"),
        ("C", "Check", "08:10", "bob"),
        ("B", "Pay", "15:45", "ann"),
        ("D", "Register", "13:00", "ann"),
        ("A", "Check", "09:30", "bob"),
        ("C", "Approve", "09:10", "cat"),
        ("C", "Check", null, "bob"),
        ("B", "Check", "10:15", "bob"),
    ];

    // Hand-computed answers for Office (seconds unless named otherwise).
    public const int OfficeCases = 4;
    public const int OfficeEvents = 15;
    public const int OfficeSkipped = 3;
    public const double CheckMeanWait = 1275;      // (1800 + 900 + 1800 + 600) / 4
    public const double ApproveMeanWait = 8400;    // (7200 + 14400 + 3600) / 3
    public const double PayMeanWait = 2000;        // (1800 + 3600 + 600) / 3
    public const double RejectMeanWait = 300;
    public const double MeanCycleTime = 9150;      // (10800 + 20700 + 4800 + 300) / 4
    public const double MedianCycleTime = 7800;    // (4800 + 10800) / 2
    public const double MaxCycleTime = 20700;
    public const string HappyPath = "Register > Check > Approve > Pay";
    public const string ReworkPath = "Register > Check > Check > Approve > Pay";
    public const string RejectPath = "Register > Reject";

    /// <summary><see cref="Office"/> with ISO date-times.</summary>
    public static DataTable OfficeIso() => Build(t => Cell.Of($"2024-03-01T{t}:00Z"));

    /// <summary><see cref="Office"/> with numbers of seconds since midnight, as numbers.</summary>
    public static DataTable OfficeSeconds() => Build(t => Cell.Of(SecondsOfDay(t)));

    /// <summary><see cref="Office"/> with numbers of seconds since midnight, as CSV-style text.</summary>
    public static DataTable OfficeSecondsText() => Build(t => Cell.Of(SecondsOfDay(t).ToString(CultureInfo.InvariantCulture)));

    public static double SecondsOfDay(string hhmm) =>
        TimeSpan.ParseExact(hhmm, "hh\\:mm", CultureInfo.InvariantCulture).TotalSeconds;

    private static DataTable Build(Func<string, Cell> time) =>
        new(Columns, Office.Select(r => (IReadOnlyList<Cell>)[r.Case, r.Activity, r.Time is null ? Cell.Missing : time(r.Time), r.Resource]));

    /// <summary>A log from (case, activity, seconds) rows, in the order given.</summary>
    public static DataTable Seconds(params (string Case, string Activity, double Time)[] rows) =>
        new(["case_id", "activity", "timestamp"], rows.Select(r => (IReadOnlyList<Cell>)[r.Case, r.Activity, r.Time]));
}
