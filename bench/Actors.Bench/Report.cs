using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Bench;

/// <summary>Nearest-rank percentiles: the value at rank ceil(p/100 * n) of the ascending samples.</summary>
public sealed record Percentiles(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        return new Percentiles(sorted.Length, Rank(sorted, 50), Rank(sorted, 90), Rank(sorted, 99), sorted[^1], sorted.Average());
    }

    private static double Rank(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

public sealed record MachineInfo(int Cores, string Os, string Kernel, string Architecture, string Runtime, string Host)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        Environment.OSVersion.VersionString,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        Environment.MachineName);
}

public sealed record RunSettings(string Url, int Jobs, int Warmup, int Concurrency, int Listeners, int Rows, double TimeoutSeconds, int Seed);

public sealed record EventStats(
    long Total, int MinPerJob, double MeanPerJob, int MaxPerJob,
    long Gaps, long Duplicates, long WithoutId, int JobsWithGaps, int JobsWithDuplicates,
    int Reconnects, int NotClosedAfterTerminal, Dictionary<string, long> Kinds);

public sealed record PhaseResult(
    int Jobs,
    int Accepted,
    int SubmitFailures,
    Dictionary<string, int> SubmitFailureKinds,
    Percentiles SubmitLatencyMs,
    double SubmitWallSeconds,
    double SubmitThroughput,
    int Completed,
    int JobsFailed,
    int JobsCancelled,
    int JobsTimedOut,
    int JobsStreamError,
    Percentiles SubmitToCompletedMs,
    double CompletionWallSeconds,
    double CompletionThroughput,
    EventStats Events,
    List<string> Samples)
{
    public int NotCompleted => Accepted - Completed;

    public static PhaseResult From(IReadOnlyList<JobRecord> records)
    {
        var accepted = records.Where(r => r.Accepted).ToList();
        var failedSubmits = records.Where(r => !r.Accepted).ToList();
        var completed = accepted.Where(r => r.Completed).ToList();

        double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

        var firstSubmit = records.Count > 0 ? records.Min(r => r.SubmitStart) : 0;
        var lastSubmitEnd = records.Count > 0 ? records.Max(r => r.SubmitEnd) : 0;
        var submitWall = records.Count > 0 ? Ms(firstSubmit, lastSubmitEnd) / 1000 : 0;
        var lastCompletion = completed.Count > 0 ? completed.Max(r => r.TerminalAt) : 0;
        var completionWall = completed.Count > 0 ? Ms(firstSubmit, lastCompletion) / 1000 : 0;

        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, n) in accepted.SelectMany(r => r.Kinds))
        {
            kinds[kind] = kinds.GetValueOrDefault(kind) + n;
        }
        var events = new EventStats(
            accepted.Sum(r => (long)r.Events),
            accepted.Count > 0 ? accepted.Min(r => r.Events) : 0,
            accepted.Count > 0 ? accepted.Average(r => r.Events) : 0,
            accepted.Count > 0 ? accepted.Max(r => r.Events) : 0,
            accepted.Sum(r => r.Gaps),
            accepted.Sum(r => r.Duplicates),
            accepted.Sum(r => (long)r.EventsWithoutId),
            accepted.Count(r => r.Gaps > 0),
            accepted.Count(r => r.Duplicates > 0),
            accepted.Sum(r => Math.Max(0, r.Connects - 1)),
            accepted.Count(r => r.ClosedAfterTerminal == false),
            kinds.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value));

        var samples = failedSubmits.Select(r => $"submit #{r.Index}: {r.SubmitError}")
            .Concat(accepted.Where(r => !r.Completed).Select(r =>
                $"job {r.JobId}: {(r.TimedOut ? "timed out" : r.Terminal ?? "no terminal event")}" +
                $" after {r.Events} events (last seq {r.LastSequence})" +
                (r.FailureDetail is null ? "" : $"; {r.FailureDetail}") +
                (r.StreamError is null ? "" : $"; stream: {r.StreamError}")))
            .Concat(accepted.Where(r => r.Gaps > 0 || r.Duplicates > 0).Select(r =>
                $"job {r.JobId}: {r.Gaps} gap(s), {r.Duplicates} duplicate(s) in {r.Events} events"))
            .Take(10)
            .ToList();

        return new PhaseResult(
            records.Count,
            accepted.Count,
            failedSubmits.Count,
            failedSubmits.GroupBy(r => r.SubmitStatus == 0 ? "no response" : $"HTTP {r.SubmitStatus}")
                .ToDictionary(g => g.Key, g => g.Count()),
            Percentiles.Of(records.Where(r => r.SubmitStatus == 202).Select(r => Ms(r.SubmitStart, r.SubmitEnd))),
            submitWall,
            submitWall > 0 ? accepted.Count / submitWall : 0,
            completed.Count,
            accepted.Count(r => r.Terminal == "failed"),
            accepted.Count(r => r.Terminal == "cancelled"),
            accepted.Count(r => r.TimedOut),
            accepted.Count(r => r.Terminal is null && !r.TimedOut),
            Percentiles.Of(completed.Select(r => Ms(r.SubmitStart, r.TerminalAt))),
            completionWall,
            completionWall > 0 ? completed.Count / completionWall : 0,
            events,
            samples);
    }
}

public sealed record BenchResult(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    RunSettings Settings,
    PhaseResult Measured,
    PhaseResult? Warmup,
    long StreamSlotWaits,
    double StreamSlotWaitSeconds,
    bool Passed,
    string Verdict)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public string ToTable()
    {
        var m = Measured;
        var s = Settings;
        var t = new StringBuilder();
        var line = new string('-', 78);
        void Row(string label, string value) => t.Append(CultureInfo.InvariantCulture, $"{label,-37}{value}\n");
        static string F(double v, string format = "0.0") => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
        static string P(Percentiles p) =>
            string.Create(CultureInfo.InvariantCulture, $"{F(p.P50),9}{F(p.P90),10}{F(p.P99),10}{F(p.Max),10}");

        t.Append("Actors.Bench  ").Append(s.Url).Append("  ").Append(StartedAt.ToString("u", CultureInfo.InvariantCulture)).Append('\n');
        t.Append(line).Append('\n');
        Row("machine", $"{Machine.Cores} cores, {Machine.Os} ({Machine.Architecture}), {Machine.Runtime}");
        Row("jobs (measured / warmup)", $"{m.Jobs} / {Warmup?.Jobs ?? 0}");
        Row("concurrency / listeners / rows", $"{s.Concurrency} / {s.Listeners} / {s.Rows}");
        t.Append(line).Append('\n');
        Row("latency, ms (nearest-rank)", $"{"p50",9}{"p90",10}{"p99",10}{"max",10}");
        Row("  submit (202)", P(m.SubmitLatencyMs));
        Row("  submit -> completed event", P(m.SubmitToCompletedMs));
        t.Append(line).Append('\n');
        Row("submit throughput", $"{F(m.SubmitThroughput)} jobs/s  ({m.Accepted} accepted in {F(m.SubmitWallSeconds, "0.00")} s)");
        Row("completion throughput", $"{F(m.CompletionThroughput)} jobs/s  ({m.Completed} completed in {F(m.CompletionWallSeconds, "0.00")} s, first submit -> last completed)");
        Row("failed submits (non-202)", m.SubmitFailures == 0 ? "0" :
            $"{m.SubmitFailures}  ({string.Join(", ", m.SubmitFailureKinds.Select(k => $"{k.Value}x {k.Key}"))})");
        Row("jobs failed / cancelled / timed out", $"{m.JobsFailed} / {m.JobsCancelled} / {m.JobsTimedOut}" +
            (m.JobsStreamError > 0 ? $"  (+{m.JobsStreamError} stream errors)" : ""));
        Row("events per job min / mean / max", $"{m.Events.MinPerJob} / {F(m.Events.MeanPerJob, "0.0")} / {m.Events.MaxPerJob}  ({m.Events.Total} total)");
        Row("event kinds", string.Join(", ", m.Events.Kinds.Select(k => $"{k.Key} {k.Value}")));
        Row("event gaps / duplicates", $"{m.Events.Gaps} / {m.Events.Duplicates}" +
            (m.Events.Gaps + m.Events.Duplicates > 0 ? $"  (in {m.Events.JobsWithGaps} / {m.Events.JobsWithDuplicates} jobs)" : "") +
            (m.Events.WithoutId > 0 ? $"  ({m.Events.WithoutId} events without id)" : ""));
        Row("stream reconnects", $"{m.Events.Reconnects}" +
            (m.Events.NotClosedAfterTerminal > 0 ? $"  ({m.Events.NotClosedAfterTerminal} streams not closed after the terminal event)" : ""));
        Row("submits paused for a stream slot", $"{StreamSlotWaits}  ({F(StreamSlotWaitSeconds, "0.00")} s summed over workers)");
        if (Warmup is { } w)
        {
            Row("warmup", $"{w.Completed}/{w.Jobs} completed, {w.SubmitFailures} failed submits, {w.NotCompleted} not completed");
        }
        t.Append(line).Append('\n');
        foreach (var sample in m.Samples.Concat(Warmup?.Samples.Select(x => "warmup " + x) ?? []))
        {
            t.Append("  ! ").Append(sample).Append('\n');
        }
        t.Append(Verdict).Append('\n');
        return t.ToString();
    }
}
