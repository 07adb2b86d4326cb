using Actors.Numbers;

namespace Actors.Agents;

/// <summary>
/// Where several agents' answers to one step disagree, said in words a reader can check: the same
/// evidence with different values, the same finding with different severities, and different first
/// recommendations. Empty: they agree on everything they both state.
/// </summary>
public static class AgentDisagreement
{
    public static IReadOnlyList<string> Between(IReadOnlyList<(string Agent, AgentAnswer Answer)> answers)
    {
        var points = new List<string>();
        var evidence = answers
            .SelectMany(a => a.Answer.Findings.SelectMany(f => f.Evidence).Select(e => (a.Agent, e.Name, e.Value)))
            .GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var named in evidence)
        {
            var values = named.DistinctBy(e => Figures.Format(e.Value)).ToList();
            if (values.Count > 1)
            {
                points.Add($"'{named.Key}' is " + string.Join(" vs ", values.Select(v => $"{Figures.Format(v.Value)} ({v.Agent})")) + ".");
            }
        }
        var findings = answers
            .SelectMany(a => a.Answer.Findings.Select(f => (a.Agent, Title: f.Title.Trim(), f.Severity)))
            .GroupBy(f => f.Title, StringComparer.OrdinalIgnoreCase);
        foreach (var titled in findings)
        {
            var severities = titled.DistinctBy(f => f.Severity).ToList();
            if (severities.Count > 1)
            {
                points.Add($"'{titled.Key}' is rated " + string.Join(" vs ", severities.Select(s => $"{s.Severity} ({s.Agent})")) + ".");
            }
        }
        var first = answers.Where(a => a.Answer.Recommendations.Count > 0)
            .Select(a => (a.Agent, Title: a.Answer.Recommendations[0].Title.Trim())).ToList();
        if (first.DistinctBy(r => r.Title, StringComparer.OrdinalIgnoreCase).Count() > 1)
        {
            points.Add("First recommendations differ: " + string.Join("; ", first.Select(r => $"'{r.Title}' ({r.Agent})")) + ".");
        }
        return points;
    }
}
