using System.Globalization;
using Actors.Analytics.Process;

namespace Actors.Analytics.Tests.Process;

public sealed class ProcessMetricsTests
{
    private const double Tolerance = 1e-9;

    private static readonly EventLogFields Fields = new("case_id", "activity", "timestamp");

    private static ProcessMetrics Measure(DataTable table, EventLogFields? fields = null) =>
        ProcessMetrics.Measure(EventLog.Read(table, fields ?? Fields));

    private static ActivityStats Activity(ProcessMetrics metrics, string name) =>
        metrics.Activity(name) ?? throw new Xunit.Sdk.XunitException($"no activity {name}");

    private static void AssertClose(double expected, double? actual) =>
        Assert.True(
            actual is { } a && Math.Abs(expected - a) <= Tolerance * Math.Max(1, Math.Abs(expected)),
            $"expected {expected}, got {actual}");

    [Fact]
    public void Hand_checked_log_gives_the_worked_answers()
    {
        var m = Measure(EventLogs.OfficeIso(), Fields with { Resource = "resource" });

        Assert.Equal(EventLogs.OfficeCases, m.Cases);
        Assert.Equal(EventLogs.OfficeEvents, m.Events);
        Assert.Equal(EventLogs.OfficeSkipped, m.RowsSkipped);
        Assert.Equal(["Approve", "Check", "Pay", "Register", "Reject"], m.Activities.Select(a => a.Name));
        Assert.Equal([3, 4, 3, 4, 1], m.Activities.Select(a => a.Count));
        Assert.Equal([3, 3, 3, 4, 1], m.Activities.Select(a => a.Cases));
        Assert.Null(Activity(m, "Register").MeanWait);
        Assert.Equal(0, Activity(m, "Register").TotalWait);
        Assert.Equal(EventLogs.CheckMeanWait, Activity(m, "Check").MeanWait);
        Assert.Equal(EventLogs.ApproveMeanWait, Activity(m, "Approve").MeanWait);
        Assert.Equal(25200, Activity(m, "Approve").TotalWait);
        Assert.Equal(EventLogs.PayMeanWait, Activity(m, "Pay").MeanWait);
        Assert.Equal(EventLogs.RejectMeanWait, Activity(m, "Reject").MeanWait);
        Assert.Equal("Approve", m.BottleneckActivity);
        Assert.Equal(EventLogs.MeanCycleTime, m.MeanCycleTime);
        Assert.Equal(EventLogs.MedianCycleTime, m.MedianCycleTime);
        Assert.Equal(EventLogs.MaxCycleTime, m.MaxCycleTime);
        Assert.Equal(1, m.LongCycleCases); // only B (20700) exceeds 2 × 7800
        Assert.Equal(1, m.ReworkCases);
        Assert.Equal(1, Activity(m, "Check").ReworkCases);
        Assert.Equal([("Check", 1)], m.ReworkActivities.Select(a => (a.Name, a.ReworkCases)));
        Assert.Equal(
            [(EventLogs.HappyPath, 2), (EventLogs.ReworkPath, 1), (EventLogs.RejectPath, 1)],
            m.Variants.Select(v => (v.Path, v.Cases)));
        Assert.Equal(
            [("ann", 7, (double?)2000), ("bob", 5, 1080), ("cat", 3, 8400)],
            m.Resources.Select(r => (r.Name, r.Events, r.MeanWait)));
        Assert.All(m.Activities, a => Assert.Null(a.MeanDuration));
    }

    [Fact]
    public void Iso_datetimes_and_numeric_seconds_give_the_same_metrics()
    {
        var iso = Measure(EventLogs.OfficeIso());

        foreach (var other in new[] { Measure(EventLogs.OfficeSeconds()), Measure(EventLogs.OfficeSecondsText()) })
        {
            Assert.Equal(iso.Activities, other.Activities);
            Assert.Equal(iso.Variants, other.Variants);
            Assert.Equal(
                (iso.Cases, iso.Events, iso.RowsSkipped, iso.BottleneckActivity, iso.MeanCycleTime, iso.MedianCycleTime, iso.LongCycleCases, iso.ReworkCases),
                (other.Cases, other.Events, other.RowsSkipped, other.BottleneckActivity, other.MeanCycleTime, other.MedianCycleTime, other.LongCycleCases, other.ReworkCases));
        }
    }

    [Fact]
    public void Input_order_does_not_matter_beyond_ties()
    {
        var rows = EventLogs.Office.Where(r => r.Case is not null && r.Activity is not null && r.Time is not null).ToArray();
        var sorted = rows.OrderBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Time, StringComparer.Ordinal)
            .Select(r => (r.Case!, r.Activity!, EventLogs.SecondsOfDay(r.Time!))).ToArray();
        var reversed = sorted.Reverse().ToArray();

        var a = Measure(EventLogs.Seconds(sorted));
        var b = Measure(EventLogs.Seconds(reversed));

        Assert.Equal(a.Activities, b.Activities);
        Assert.Equal(a.Variants, b.Variants);
        Assert.Equal(a.MeanCycleTime, b.MeanCycleTime);
    }

    [Fact]
    public void Wait_is_measured_from_the_previous_start_and_ties_wait_zero()
    {
        var m = Measure(EventLogs.Seconds(("x", "B", 100), ("x", "A", 100), ("x", "Start", 40)));

        Assert.Equal(60, Activity(m, "B").MeanWait);
        Assert.Equal(0, Activity(m, "A").MeanWait);
        Assert.Null(Activity(m, "Start").MeanWait);
        Assert.Equal("B", m.BottleneckActivity);
    }

    [Fact]
    public void Bottleneck_ties_go_to_more_occurrences_then_name()
    {
        // "Late" and "Slow" both wait 50 on average; "Slow" also starts a case, so it occurs more often.
        var byCount = Measure(EventLogs.Seconds(
            ("1", "Go", 0), ("1", "Late", 50),
            ("2", "Go", 0), ("2", "Slow", 50),
            ("3", "Slow", 0)));
        // "Beta" and "Alpha" both wait 50 and occur once: name order decides.
        var byName = Measure(EventLogs.Seconds(("1", "Go", 0), ("1", "Beta", 50), ("2", "Go", 0), ("2", "Alpha", 50)));

        Assert.Equal("Slow", byCount.BottleneckActivity);
        Assert.Equal("Alpha", byName.BottleneckActivity);
    }

    [Fact]
    public void No_waits_means_no_bottleneck()
    {
        var m = Measure(EventLogs.Seconds(("1", "a", 0), ("2", "b", 5)));

        Assert.Null(m.BottleneckActivity);
        Assert.All(m.Activities, a => Assert.Null(a.MeanWait));
        Assert.Equal(0, m.MedianCycleTime);
        Assert.Equal(0, m.LongCycleCases); // a zero median gives "long" no scale
    }

    [Fact]
    public void Rework_counts_cases_not_repeats()
    {
        var m = Measure(EventLogs.Seconds(
            ("1", "a", 0), ("1", "b", 1), ("1", "b", 2), ("1", "b", 3), ("1", "c", 4), ("1", "c", 5),
            ("2", "a", 0), ("2", "c", 1), ("2", "c", 2),
            ("3", "a", 0), ("3", "b", 1)));

        Assert.Equal(2, m.ReworkCases);
        Assert.Equal([("c", 2), ("b", 1)], m.ReworkActivities.Select(a => (a.Name, a.ReworkCases)));
        Assert.Equal(4, Activity(m, "b").Count);
        Assert.Equal(2, Activity(m, "b").Cases);
        Assert.Equal(0, Activity(m, "a").ReworkCases);
    }

    [Fact]
    public void Variants_are_ordered_by_cases_then_path()
    {
        var m = Measure(EventLogs.Seconds(
            ("1", "b", 0),
            ("2", "a", 0), ("2", "z", 1),
            ("3", "a", 0), ("3", "c", 1),
            ("4", "b", 0),
            ("5", "a", 0), ("5", "z", 1),
            ("6", "a", 0), ("6", "z", 1)));

        Assert.Equal([("a > z", 3), ("b", 2), ("a > c", 1)], m.Variants.Select(v => (v.Path, v.Cases)));
    }

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value()
    {
        var m = Measure(EventLogs.Seconds(
            ("1", "a", 0), ("1", "b", 10),
            ("2", "a", 0), ("2", "b", 30),
            ("3", "a", 0), ("3", "b", 100)));

        Assert.Equal(30, m.MedianCycleTime);
        Assert.Equal(140.0 / 3, m.MeanCycleTime);
        Assert.Equal(1, m.LongCycleCases); // 100 > 60
    }

    [Fact]
    public void End_times_give_durations_and_idle_times()
    {
        // Case 1: a 0–100, b 150–200, c 180–300 (c overlaps b, so no idle time before it).
        // Case 2: a 0–50, b 500 with no end, c 600 with an end before its start (ignored).
        var table = new DataTable(
            ["case_id", "activity", "timestamp", "end"],
            [
                ["1", "a", 0, 100], ["1", "b", 150, 200], ["1", "c", 180, 300],
                ["2", "a", 0, 50], ["2", "b", 500, Cell.Missing], ["2", "c", 600, 550],
            ]);

        var m = Measure(table, Fields with { EndTime = "end" });

        Assert.Equal(75, Activity(m, "a").MeanDuration);       // (100 + 50) / 2
        Assert.Null(Activity(m, "a").MeanIdle);
        Assert.Null(Activity(m, "a").MeanWait);
        Assert.Equal(50, Activity(m, "b").MeanDuration);
        Assert.Equal(250, Activity(m, "b").MeanIdle);    // (150 − 100 + 500 − 50) / 2
        Assert.Equal(325, Activity(m, "b").MeanWait);    // (150 + 500) / 2, still start to start
        Assert.Equal(120, Activity(m, "c").MeanDuration);
        Assert.Equal(0, Activity(m, "c").MeanIdle);      // case 2's b has no end, so only case 1 counts
        Assert.Equal(65, Activity(m, "c").MeanWait);     // (30 + 100) / 2
        Assert.Equal(390, m.MeanCycleTime);              // cycle times 180 and 600, starts only
    }

    [Fact]
    public void Empty_log_has_no_averages()
    {
        var m = Measure(new DataTable(["case_id", "activity", "timestamp"], [[Cell.Missing, "a", 1]]));

        Assert.Equal((0, 0, 1), (m.Cases, m.Events, m.RowsSkipped));
        Assert.Null(m.MeanCycleTime);
        Assert.Null(m.MedianCycleTime);
        Assert.Null(m.BottleneckActivity);
        Assert.Empty(m.Variants);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(7, true)]
    [InlineData(2024, false)]
    public void Random_log_matches_a_naive_computation(int seed, bool iso)
    {
        var random = new Random(seed);
        string[] names = ["Receive", "Review", "Fix", "Approve", "Ship", "Close"];
        var rows = new List<(string Case, string Activity, double Time)>();
        for (var c = 0; c < 150; c++)
        {
            var time = random.Next(0, 1_000_000);
            var length = random.Next(1, 9);
            for (var e = 0; e < length; e++)
            {
                // Some zero gaps so ties are exercised.
                time += random.Next(4) == 0 ? 0 : random.Next(1, 50_000);
                rows.Add(($"case{c}", names[random.Next(names.Length)], time));
            }
        }
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var origin = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var table = new DataTable(
            ["case_id", "activity", "timestamp"],
            shuffled.Select(r => (IReadOnlyList<Cell>)[
                r.Case,
                r.Activity,
                iso ? Cell.Of(origin.AddSeconds(r.Time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : Cell.Of(r.Time)]));

        var m = Measure(table);

        // Naive: GroupBy keeps input order inside a group and OrderBy is stable, as the definition asks.
        var cases = shuffled.GroupBy(r => r.Case).Select(g => g.OrderBy(r => r.Time).ToList()).ToList();
        var waits = cases.SelectMany(c => c.Skip(1).Select((r, i) => (r.Activity, Wait: r.Time - c[i].Time))).ToList();
        var cycles = cases.Select(c => c[^1].Time - c[0].Time).OrderBy(t => t).ToList();
        var median = cycles.Count % 2 == 1 ? cycles[cycles.Count / 2] : (cycles[cycles.Count / 2 - 1] + cycles[cycles.Count / 2]) / 2;

        Assert.Equal(cases.Count, m.Cases);
        Assert.Equal(rows.Count, m.Events);
        foreach (var name in names.Where(n => rows.Any(r => r.Activity == n)))
        {
            var mine = waits.Where(w => w.Activity == name).Select(w => w.Wait).ToList();
            Assert.Equal(rows.Count(r => r.Activity == name), Activity(m, name).Count);
            if (mine.Count == 0)
            {
                Assert.Null(Activity(m, name).MeanWait);
            }
            else
            {
                AssertClose(mine.Average(), Activity(m, name).MeanWait);
            }
        }
        var expectedBottleneck = names
            .Select(n => (Name: n, Waits: waits.Where(w => w.Activity == n).Select(w => w.Wait).ToList()))
            .Where(x => x.Waits.Count > 0)
            .OrderByDescending(x => x.Waits.Average())
            .ThenByDescending(x => rows.Count(r => r.Activity == x.Name))
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .First().Name;
        Assert.Equal(expectedBottleneck, m.BottleneckActivity);
        AssertClose(cycles.Average(), m.MeanCycleTime);
        AssertClose(median, m.MedianCycleTime);
        Assert.Equal(cycles.Count(t => median > 0 && t > 2 * median), m.LongCycleCases);
        Assert.Equal(cases.Count(c => c.GroupBy(r => r.Activity).Any(g => g.Count() > 1)), m.ReworkCases);
        var variants = cases
            .GroupBy(c => string.Join(" > ", c.Select(r => r.Activity)))
            .Select(g => (Path: g.Key, Cases: g.Count()))
            .OrderByDescending(v => v.Cases).ThenBy(v => v.Path, StringComparer.Ordinal);
        Assert.Equal(variants, m.Variants.Select(v => (v.Path, v.Cases)));
    }
}
