namespace Actors.Analytics.Optimization;

/// <summary>
/// Ranks the steps of a process (the labels of an activity or category column) by how much
/// automating them could save.
/// <para>
/// Score = frequency × (1 + wait) × (1 + repeat), where frequency is the step's count over the
/// largest step count, wait is its mean wait over the largest mean wait, and repeat is the share of
/// its cases in which it occurs more than once (all three 0–1). Frequency sets the base, so a rare
/// step never wins; a long wait and rework can each at most double it, so the score lies in 0–4.
/// Without a wait column, or a case column, that factor is 1.
/// </para>
/// </summary>
public static class AutomationCandidates
{
    public const int DefaultTop = 5;

    /// <summary>
    /// The <paramref name="top"/> highest-scoring steps, by score, then count (both descending), then
    /// name. Rows with a missing step are skipped; so are missing cases when counting repeats.
    /// Negative wait values are treated as data errors and left out of the means.
    /// </summary>
    public static IReadOnlyList<AutomationCandidate> Rank(
        DataTable table,
        string step,
        string? caseField = null,
        string? waitField = null,
        int top = DefaultTop,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var steps = table.Column(step);
        var cases = caseField is null ? default : table.Column(caseField);
        var waits = waitField is null ? default : table.Column(waitField);

        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var named = 0;
        for (var r = 0; r < steps.Length; r++)
        {
            if (r % 8192 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (steps[r].IsMissing)
            {
                continue;
            }
            named++;
            var label = steps[r].ToString();
            if (!tallies.TryGetValue(label, out var tally))
            {
                tally = new Tally();
                tallies.Add(label, tally);
            }
            tally.Count++;
            if (caseField is not null && !cases[r].IsMissing)
            {
                var key = cases[r].ToString();
                tally.PerCase[key] = tally.PerCase.GetValueOrDefault(key) + 1;
            }
            if (waitField is not null && waits[r].TryGetNumber(out var wait) && wait >= 0)
            {
                tally.WaitValues++;
                tally.WaitSum += wait;
            }
        }
        if (tallies.Count == 0)
        {
            return [];
        }

        var maxCount = tallies.Values.Max(t => t.Count);
        var maxWait = tallies.Values.Max(t => t.MeanWait ?? 0);
        var candidates = new List<AutomationCandidate>(tallies.Count);
        foreach (var (label, tally) in tallies)
        {
            int? caseCount = caseField is null ? null : tally.PerCase.Count;
            int? repeatCases = caseField is null ? null : tally.PerCase.Values.Count(n => n > 1);
            double? repeatShare = caseField is null ? null : caseCount > 0 ? 100.0 * repeatCases!.Value / caseCount.Value : 0;
            var frequency = (double)tally.Count / maxCount;
            var waitScore = maxWait > 0 && tally.MeanWait is { } mean ? mean / maxWait : 0;
            var score = frequency * (1 + waitScore) * (1 + (repeatShare ?? 0) / 100);
            candidates.Add(new AutomationCandidate(
                label,
                tally.Count,
                100.0 * tally.Count / named,
                caseCount,
                repeatCases,
                repeatShare,
                tally.MeanWait,
                frequency,
                waitScore,
                score));
        }
        return candidates
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Count)
            .ThenBy(c => c.Step, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
    }

    private sealed class Tally
    {
        public int Count;
        public int WaitValues;
        public double WaitSum;
        public readonly Dictionary<string, int> PerCase = new(StringComparer.Ordinal);

        public double? MeanWait => WaitValues == 0 ? null : WaitSum / WaitValues;
    }
}
