namespace Actors.Analytics.Process;

/// <summary>
/// The measures of an event log that process analyses report and reuse. Times are in seconds.
/// </summary>
/// <param name="Activities">Per activity, by name (ordinal).</param>
/// <param name="BottleneckActivity">
/// The activity with the largest <see cref="ActivityStats.MeanWait"/>; ties go to the one with more
/// occurrences, then to the first name (ordinal). Null when no activity has a wait.
/// </param>
/// <param name="MeanCycleTime">Mean over cases of <see cref="ProcessCase.CycleTime"/>; null without cases.</param>
/// <param name="MedianCycleTime">Median of the cycle times (mean of the middle two for an even count); null without cases.</param>
/// <param name="LongCycleCases">
/// Cases whose cycle time exceeds <see cref="LongCycleFactor"/> × the median; 0 when the median is 0,
/// where "long" has no scale.
/// </param>
/// <param name="ReworkCases">Cases in which some activity occurs more than once.</param>
/// <param name="Variants">Every distinct path, by cases descending, then path (ordinal).</param>
/// <param name="Resources">Per resource, by name (ordinal); empty when the log has no resource field.</param>
public sealed record ProcessMetrics(
    int Cases,
    int Events,
    int RowsSkipped,
    IReadOnlyList<ActivityStats> Activities,
    string? BottleneckActivity,
    double? MeanCycleTime,
    double? MedianCycleTime,
    double? MaxCycleTime,
    int LongCycleCases,
    int ReworkCases,
    IReadOnlyList<ProcessVariant> Variants,
    IReadOnlyList<ResourceStats> Resources)
{
    public const double LongCycleFactor = 2;

    /// <summary>Activities repeated within at least one case, by such cases descending, then name.</summary>
    public IEnumerable<ActivityStats> ReworkActivities =>
        Activities.Where(a => a.ReworkCases > 0)
            .OrderByDescending(a => a.ReworkCases)
            .ThenBy(a => a.Name, StringComparer.Ordinal);

    public ActivityStats? Activity(string name) => Activities.FirstOrDefault(a => a.Name == name);

    public static ProcessMetrics Measure(EventLog log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var activities = new Dictionary<string, ActivityTally>(StringComparer.Ordinal);
        var resources = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var variants = new Dictionary<string, int>(StringComparer.Ordinal);
        var cycleTimes = new double[log.Cases.Count];
        var reworkCases = 0;
        var perCase = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < log.Cases.Count; c++)
        {
            ct.ThrowIfCancellationRequested();
            var events = log.Cases[c].Events;
            perCase.Clear();
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var activity = Get(activities, e.Activity);
                var resource = e.Resource is null ? null : Get(resources, e.Resource);
                activity.Count++;
                if (resource is not null)
                {
                    resource.Count++;
                }
                perCase[e.Activity] = perCase.GetValueOrDefault(e.Activity) + 1;
                if (e.End is { } end)
                {
                    activity.Duration.Add(end - e.Start);
                }
                if (i == 0)
                {
                    continue;
                }
                var previous = events[i - 1];
                var wait = e.Start - previous.Start;
                activity.Wait.Add(wait);
                resource?.Wait.Add(wait);
                if (previous.End is { } previousEnd)
                {
                    activity.Idle.Add(Math.Max(0, e.Start - previousEnd));
                }
            }
            var reworked = false;
            foreach (var (name, count) in perCase)
            {
                var activity = activities[name];
                activity.Cases++;
                if (count > 1)
                {
                    activity.ReworkCases++;
                    reworked = true;
                }
            }
            if (reworked)
            {
                reworkCases++;
            }
            var path = log.Cases[c].Path;
            variants[path] = variants.GetValueOrDefault(path) + 1;
            cycleTimes[c] = log.Cases[c].CycleTime;
        }

        var activityStats = activities
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ActivityStats(
                p.Key, p.Value.Count, p.Value.Cases, p.Value.ReworkCases,
                p.Value.Wait.Mean, p.Value.Wait.Sum, p.Value.Duration.Mean, p.Value.Idle.Mean))
            .ToArray();
        var bottleneck = activityStats
            .Where(a => a.MeanWait is not null)
            .OrderByDescending(a => a.MeanWait)
            .ThenByDescending(a => a.Count)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault()?.Name;

        Array.Sort(cycleTimes);
        double? mean = cycleTimes.Length == 0 ? null : cycleTimes.Average();
        double? median = cycleTimes.Length == 0 ? null : Median(cycleTimes);
        double? max = cycleTimes.Length == 0 ? null : cycleTimes[^1];
        var longCases = median is > 0 ? cycleTimes.Count(t => t > LongCycleFactor * median.Value) : 0;

        return new ProcessMetrics(
            log.Cases.Count,
            log.EventCount,
            log.RowsSkipped,
            activityStats,
            bottleneck,
            mean,
            median,
            max,
            longCases,
            reworkCases,
            [.. variants
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ProcessVariant(p.Key, p.Value))],
            [.. resources
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ResourceStats(p.Key, p.Value.Count, p.Value.Wait.Mean))]);
    }

    private static double Median(double[] sorted)
    {
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static T Get<T>(Dictionary<string, T> tallies, string name)
        where T : new()
    {
        if (!tallies.TryGetValue(name, out var tally))
        {
            tally = new T();
            tallies.Add(name, tally);
        }
        return tally;
    }

    /// <summary>A running sum and count, so a mean of nothing is null rather than NaN.</summary>
    private sealed class Running
    {
        public double Sum { get; private set; }

        public int Count { get; private set; }

        public double? Mean => Count == 0 ? null : Sum / Count;

        public void Add(double value)
        {
            Sum += value;
            Count++;
        }
    }

    private class Tally
    {
        public int Count { get; set; }

        public Running Wait { get; } = new();
    }

    private sealed class ActivityTally : Tally
    {
        public int Cases { get; set; }

        public int ReworkCases { get; set; }

        public Running Duration { get; } = new();

        public Running Idle { get; } = new();
    }
}
