using System.Globalization;
using System.Text;

namespace Actors.Peers;

/// <summary>One Markdown table per durability tier: medians, min–max over the runs, and Actors/BullMQ per row.</summary>
public static class Report
{
    private static readonly string[] Skipped = ["jobs", "completed_in_worker", "error"];

    private static readonly Dictionary<string, string> Tiers = new()
    {
        ["postgres"] = "Same durability: both on PostgreSQL with `synchronous_commit=on` (a job is on disk when its commit returns). " +
                       "Actors: one node whose API hosts the silo (ApiHostsSilo), grain state in PostgreSQL, membership and reminders in Redis (AOF everysec). BullMQ: PostgreSQL backend.",
        ["fast"] = "Fast tier, NOT the same durability: Actors embedded keeps state in memory (lost when the process stops); " +
                   "BullMQ on Redis with `appendonly yes`, `appendfsync everysec`, `maxmemory-policy noeviction` (up to about 1 s lost on a crash).",
    };

    public static string Markdown(IReadOnlyList<Measurement> results, int runs, string machine, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Runs: {runs}, alternating systems; wall time {elapsed:hh\\:mm\\:ss}. Retention equal: every completed job is kept by both. Cells: median (min–max).");
        foreach (var tier in new[] { "postgres", "fast" })
        {
            var ofTier = results.Where(m => m.Tier == tier).ToList();
            if (ofTier.Count == 0)
            {
                continue;
            }
            var actors = ofTier.FirstOrDefault(m => m.IsActors)?.System ?? "Actors";
            var bull = ofTier.FirstOrDefault(m => !m.IsActors)?.System ?? "BullMQ";
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {actors} vs {bull}");
            text.AppendLine();
            text.AppendLine(Tiers[tier]);
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"| workload | figure | {actors} | {bull} | Actors/BullMQ |");
            text.AppendLine("|---|---|---|---|---|");
            foreach (var workload in ofTier.Select(m => m.Workload).Distinct())
            {
                var ofWorkload = ofTier.Where(m => m.Workload == workload).ToList();
                var names = ofWorkload.SelectMany(m => m.Metrics.Keys).Distinct().Where(n => !Skipped.Contains(n)).OrderBy(Rank).ThenBy(RateOf).ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
                foreach (var name in names)
                {
                    var a = Values(ofWorkload.Where(m => m.IsActors), name);
                    var b = Values(ofWorkload.Where(m => !m.IsActors), name);
                    var ratio = a.Count > 0 && b.Count > 0 && Median(b) != 0 ? Format(Median(a) / Median(b), "") : "–";
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {workload} | {Label(name)} | {Cell(a, name)} | {Cell(b, name)} | {ratio} |");
                }
                var errors = ofWorkload.Where(m => m.Metrics.ContainsKey("error")).Select(m => $"{m.System} run {m.Run}").ToList();
                if (errors.Count > 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {workload} | failed or timed out | {string.Join(", ", errors)} | | |");
                }
            }
        }
        return text.ToString();
    }

    private static int Rank(string name) => name switch
    {
        "jobs_per_s" or "events_per_s" or "max_sustained_rate" => 0,
        _ when name.StartsWith("submit", StringComparison.Ordinal) => 1,
        _ when name.StartsWith("e2e", StringComparison.Ordinal) => 2,
        _ when name.Contains("wait", StringComparison.Ordinal) => 3,
        _ when name.Contains("share", StringComparison.Ordinal) || name.Contains("dropped", StringComparison.Ordinal) => 5,
        _ => 4,
    };

    /// <summary>The arrival rate of an open-loop figure (<c>e2e_p99_ms@200/s</c>), so rows run from slow to fast.</summary>
    private static double RateOf(string name) =>
        name.IndexOf('@', StringComparison.Ordinal) is var at and >= 0
            ? double.Parse(name[(at + 1)..].Replace("/s", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : 0;

    private static string Label(string name) => name switch
    {
        "jobs_per_s" => "jobs/s",
        "events_per_s" => "events delivered/s",
        "max_sustained_rate" => "highest arrival rate sustained (jobs/s)",
        "cpu_s" => "CPU seconds (server processes)",
        "peak_mb" => "peak memory, MB (PSS of server processes)",
        "commits_per_job" => "PostgreSQL commits per job",
        "wal_bytes_per_job" => "WAL bytes per job",
        "progress_share" => "progress events received by the listener",
        "completion_share" => "completions received by the listener",
        "worker_completion_share" => "completions counted inside the worker",
        "events_reported_dropped" => "events the node said it dropped for the listener (`event: dropped`)",
        _ => name.Replace("_ms", " (ms)", StringComparison.Ordinal).Replace('_', ' '),
    };

    private static List<double> Values(IEnumerable<Measurement> measurements, string name) =>
        measurements.Select(m => m.Metrics.GetValueOrDefault(name, double.NaN)).Where(v => !double.IsNaN(v)).Order().ToList();

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Cell(List<double> values, string name)
    {
        if (values.Count == 0)
        {
            return "–";
        }
        var unit = name.Contains("share", StringComparison.Ordinal) ? "%" : "";
        var scale = unit == "%" ? 100 : 1;
        var median = Format(Median(values) * scale, unit);
        return values.Count == 1 ? median : $"{median} ({Format(values[0] * scale, unit)}–{Format(values[^1] * scale, unit)})";
    }

    private static string Format(double value, string unit) =>
        (Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
            : Math.Abs(value) >= 10 ? value.ToString("N1", CultureInfo.InvariantCulture)
            : value.ToString("N2", CultureInfo.InvariantCulture)) + unit;
}
