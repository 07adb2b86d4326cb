using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Process;

/// <summary>
/// Turns the <c>mine</c> output into findings. Text quotes only numbers stored in that output (via
/// <see cref="Figures"/>), so thresholds are described in words; they are checked on exact integer
/// counts, never on rounded shares.
/// </summary>
internal static class ProcessFindingRules
{
    /// <summary>Findings ordered by severity (critical first), then kind: bottleneck, rework, long cycles, variants.</summary>
    public static IReadOnlyList<Finding> Evaluate(JsonObject mined)
    {
        IEnumerable<Finding> all =
        [
            .. Bottleneck(mined),
            .. Rework(mined),
            .. LongCycles(mined),
            .. DominantVariant(mined),
        ];
        // OrderBy is stable, so kind order survives within a severity.
        return all.OrderByDescending(f => f.Severity).ToArray();
    }

    private static IEnumerable<Finding> Bottleneck(JsonObject mined)
    {
        if (mined["bottleneck_activity"] is null)
        {
            yield break;
        }
        var name = JsonValues.String(mined["bottleneck_activity"], "mine.bottleneck_activity");
        var seconds = JsonValues.Double(mined["bottleneck_mean_wait_s"], "mine.bottleneck_mean_wait_s");
        // A zero wait (every event at the same instant as its predecessor) is no bottleneck worth naming.
        if (seconds <= 0)
        {
            yield break;
        }
        var hours = JsonValues.Double(mined["bottleneck_mean_wait_h"], "mine.bottleneck_mean_wait_h");
        var count = JsonValues.Int(mined["activities"]?[name]?["count"], $"mine.activities.{name}.count");
        yield return new Finding(
            $"'{name}' is the bottleneck",
            Severity.Warning,
            $"'{name}' has the longest mean wait: {Durations.Text(seconds, hours)} from the previous event in a case to its start. "
                + $"It occurs {Figures.Plural(count, "time", "times")} in the log.",
            new JsonObject
            {
                ["metric"] = "bottleneck_activity",
                ["activity"] = name,
                ["bottleneck_mean_wait_s"] = seconds,
                ["bottleneck_mean_wait_h"] = hours,
                ["count"] = count,
            },
            new Recommendation(
                $"Cut the wait before '{name}'",
                $"Find out what cases queue for before '{name}' (capacity, an approval, a hand-off between teams) and remove it: "
                    + "add capacity where work piles up, set a target time for picking work up, or automate the hand-off.",
                Level.High,
                Level.Medium));
    }

    private static IEnumerable<Finding> Rework(JsonObject mined)
    {
        var rework = JsonValues.Int(mined["rework_cases"], "mine.rework_cases");
        if (rework == 0)
        {
            yield break;
        }
        var cases = JsonValues.Int(mined["cases"], "mine.cases");
        var pct = JsonValues.Double(mined["rework_case_pct"], "mine.rework_case_pct");
        var (top, topCases) = JsonValues.Object(mined["rework_activities"], "mine.rework_activities").First();
        var topCount = JsonValues.Int(topCases, $"mine.rework_activities.{top}");
        // Half or more of the cases redoing work is systemic; a fifth is a clear pattern.
        var severity = rework * 2L >= cases ? Severity.Critical : rework * 5L >= cases ? Severity.Warning : Severity.Info;
        yield return new Finding(
            "Cases repeat activities",
            severity,
            $"{Figures.Format(rework)} of {Figures.Plural(cases, "case", "cases")} ({Figures.Format(pct)}%) {(rework == 1 ? "repeats" : "repeat")} at least one activity; "
                + $"'{top}' is repeated in the most cases ({Figures.Format(topCount)}).",
            new JsonObject
            {
                ["metric"] = "rework_cases",
                ["rework_cases"] = rework,
                ["rework_case_pct"] = pct,
                ["cases"] = cases,
                ["activity"] = top,
                ["activity_rework_cases"] = topCount,
            },
            new Recommendation(
                $"Reduce rework on '{top}'",
                $"Find why cases return to '{top}' (missing information, failed checks, unclear hand-offs) and fix the cause upstream: "
                    + "every repeat adds its handling and waiting time to the case.",
                severity == Severity.Info ? Level.Medium : Level.High,
                Level.Medium));
    }

    private static IEnumerable<Finding> LongCycles(JsonObject mined)
    {
        var slow = JsonValues.Int(mined["long_cycle_cases"], "mine.long_cycle_cases");
        if (slow == 0)
        {
            yield break;
        }
        var cases = JsonValues.Int(mined["cases"], "mine.cases");
        var pct = JsonValues.Double(mined["long_cycle_case_pct"], "mine.long_cycle_case_pct");
        var medianS = JsonValues.Double(mined["median_cycle_time_s"], "mine.median_cycle_time_s");
        var medianH = JsonValues.Double(mined["median_cycle_time_h"], "mine.median_cycle_time_h");
        var maxS = JsonValues.Double(mined["max_cycle_time_s"], "mine.max_cycle_time_s");
        var maxH = JsonValues.Double(mined["max_cycle_time_h"], "mine.max_cycle_time_h");
        yield return new Finding(
            "Some cases take far longer than usual",
            // A tenth of the cases in the tail is a pattern, fewer are exceptions worth a look.
            slow * 10L >= cases ? Severity.Warning : Severity.Info,
            $"{Figures.Format(slow)} of {Figures.Plural(cases, "case", "cases")} ({Figures.Format(pct)}%) took more than twice the median cycle time "
                + $"of {Durations.Text(medianS, medianH)}; the longest took {Durations.Text(maxS, maxH)}.",
            new JsonObject
            {
                ["metric"] = "long_cycle_cases",
                ["long_cycle_cases"] = slow,
                ["long_cycle_case_pct"] = pct,
                ["cases"] = cases,
                ["median_cycle_time_s"] = medianS,
                ["max_cycle_time_s"] = maxS,
            },
            new Recommendation(
                "Investigate the slowest cases",
                "Compare the slow cases with typical ones (their paths, rework and resources) to find what holds them up, "
                    + "and flag cases once they pass twice the median cycle time so they can be escalated early.",
                Level.Medium,
                Level.Low));
    }

    private static IEnumerable<Finding> DominantVariant(JsonObject mined)
    {
        var cases = JsonValues.Int(mined["cases"], "mine.cases");
        var variants = JsonValues.Array(mined["variants"], "mine.variants");
        // With one case, "most common path" says nothing.
        if (cases < 2 || variants.Count == 0)
        {
            yield break;
        }
        var top = JsonValues.Object(variants[0], "mine.variants[]");
        var path = JsonValues.String(top["path"], "mine.variants[].path");
        var followers = JsonValues.Int(top["cases"], "mine.variants[].cases");
        var share = JsonValues.Double(mined["top_variant_share_pct"], "mine.top_variant_share_pct");
        var count = JsonValues.Int(mined["variant_count"], "mine.variant_count");
        var evidence = new JsonObject
        {
            ["metric"] = "variants",
            ["path"] = path,
            ["cases"] = followers,
            ["top_variant_share_pct"] = share,
            ["variant_count"] = count,
        };
        var paths = $"the log has {Figures.Plural(count, "distinct path", "distinct paths")}";
        if (followers * 2L >= cases)
        {
            yield return new Finding(
                "Most cases follow one path",
                Severity.Info,
                $"'{path}' is followed by {Figures.Format(followers)} of {Figures.Plural(cases, "case", "cases")} ({Figures.Format(share)}%); {paths}.",
                evidence,
                new Recommendation(
                    $"Make '{path}' the standard path",
                    "Document the common path as the standard and route exceptions explicitly; it carries the largest share of the volume, "
                        + "so it is the first place to automate.",
                    Level.Medium,
                    Level.Low));
        }
        else if (followers * 4L < cases)
        {
            yield return new Finding(
                "The process has no standard path",
                Severity.Warning,
                $"The most common path, '{path}', covers only {Figures.Format(followers)} of {Figures.Plural(cases, "case", "cases")} ({Figures.Format(share)}%); {paths}.",
                evidence,
                new Recommendation(
                    "Standardise the process",
                    "So many paths make the process hard to manage and to automate: agree on the intended order of activities, "
                        + "then find out which deviations are needed and which are workarounds.",
                    Level.High,
                    Level.High));
        }
        else
        {
            yield return new Finding(
                "The most common path covers a minority of cases",
                Severity.Info,
                $"The most common path, '{path}', covers {Figures.Format(followers)} of {Figures.Plural(cases, "case", "cases")} ({Figures.Format(share)}%); {paths}.",
                evidence,
                new Recommendation(
                    "Review the less common paths",
                    "Check which of the other paths are legitimate variations and which are detours, and steer cases away from the detours.",
                    Level.Medium,
                    Level.Medium));
        }
    }
}
