using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses.DataInterpretation;

/// <summary>
/// Turns metrics into findings a reader can act on. Text quotes numbers with <see cref="Figures"/>
/// and only numbers that are in the metrics, so every figure can be checked; thresholds are therefore
/// described in words rather than printed.
/// </summary>
internal static class FindingRules
{
    public const double StrongCorrelation = 0.7;
    public const double RedundantCorrelation = 0.95;

    /// <summary>Per kind of finding, so one wide table cannot bury the report in near-identical items.</summary>
    public const int MaxFindingsPerKind = 10;

    /// <summary>Findings ordered by severity (critical first), then kind, then how pronounced they are.</summary>
    public static IReadOnlyList<Finding> Evaluate(
        TableProfile profile,
        IReadOnlyList<Correlation> correlations,
        IReadOnlyList<ColumnOutliers> outliers)
    {
        IEnumerable<Finding> all =
        [
            .. MissingValues(profile),
            .. StrongCorrelations(correlations),
            .. OutlyingValues(outliers),
            .. ConstantColumns(profile),
        ];
        // OrderBy is stable, so kind and magnitude order survive within a severity.
        return all.OrderByDescending(f => f.Severity).ToArray();
    }

    private static IEnumerable<Finding> MissingValues(TableProfile profile)
    {
        var rows = profile.Rows;
        // Exact integer comparisons: the rounded percentage must not decide a threshold.
        var gappy = profile.Columns
            .Where(c => c.Missing > 0 && c.Missing * 5L >= rows)
            .OrderByDescending(c => c.Missing)
            .Take(MaxFindingsPerKind);
        foreach (var column in gappy)
        {
            var pct = Percent.Of(column.Missing, rows);
            var mostly = column.Missing * 2L >= rows;
            var evidence = new JsonObject
            {
                ["metric"] = "columns",
                ["column"] = column.Name,
                ["missing"] = column.Missing,
                ["missing_pct"] = pct,
                ["rows"] = rows,
            };
            var detail = $"'{column.Name}' is missing in {Figures.Format(column.Missing)} of {Figures.Plural(rows, "row", "rows")} ({Figures.Format(pct)}%).";
            yield return mostly
                ? new Finding(
                    $"'{column.Name}' is mostly missing",
                    Severity.Critical,
                    detail,
                    evidence,
                    new Recommendation(
                        $"Repair or drop '{column.Name}'",
                        $"Fix how '{column.Name}' is collected, or leave it out: conclusions drawn from it would rest on a minority of rows.",
                        Level.High,
                        Level.Medium))
                : new Finding(
                    $"'{column.Name}' has many missing values",
                    Severity.Warning,
                    detail,
                    evidence,
                    new Recommendation(
                        $"Fill the gaps in '{column.Name}'",
                        $"Backfill '{column.Name}' from its source or impute it, or limit analyses that use it to the rows where it is present.",
                        Level.Medium,
                        Level.Medium));
        }
    }

    private static IEnumerable<Finding> StrongCorrelations(IReadOnlyList<Correlation> correlations)
    {
        var strong = correlations
            .Where(c => Math.Abs(c.Pearson) >= StrongCorrelation)
            .OrderByDescending(c => Math.Abs(c.Pearson))
            .Take(MaxFindingsPerKind);
        foreach (var c in strong)
        {
            var evidence = new JsonObject
            {
                ["metric"] = "correlations",
                ["a"] = c.A,
                ["b"] = c.B,
                ["pearson"] = c.Pearson,
                ["n"] = c.N,
            };
            var measured = $"'{c.A}' and '{c.B}' have a Pearson correlation of {Figures.Format(c.Pearson)} over {Figures.Plural(c.N, "row", "rows")}";
            if (Math.Abs(c.Pearson) >= RedundantCorrelation)
            {
                var direction = c.Pearson > 0 ? "together" : "in opposite directions";
                yield return new Finding(
                    $"'{c.A}' and '{c.B}' are nearly redundant",
                    Severity.Warning,
                    $"{measured}: they move {direction} almost perfectly, so one may duplicate the other.",
                    evidence,
                    new Recommendation(
                        $"Keep only one of '{c.A}' and '{c.B}'",
                        $"Check whether '{c.A}' and '{c.B}' measure the same thing; if so, drop or merge one so that models and dashboards do not count it twice.",
                        Level.Medium,
                        Level.Low));
            }
            else
            {
                var tendency = c.Pearson > 0 ? "high" : "low";
                yield return new Finding(
                    $"'{c.A}' and '{c.B}' are strongly correlated",
                    Severity.Info,
                    $"{measured}: when '{c.A}' is high, '{c.B}' tends to be {tendency}.",
                    evidence,
                    new Recommendation(
                        $"Explore the link between '{c.A}' and '{c.B}'",
                        $"A strong correlation is a lead, not proof of cause: look for the mechanism before acting on it, and use '{c.A}' to anticipate '{c.B}' where that helps.",
                        Level.Medium,
                        Level.Medium));
            }
        }
    }

    private static IEnumerable<Finding> OutlyingValues(IReadOnlyList<ColumnOutliers> outliers)
    {
        var flagged = outliers
            .Where(o => o.Count > 0 && double.IsFinite(o.LowerFence) && double.IsFinite(o.UpperFence))
            .OrderByDescending(o => o.Count)
            .Take(MaxFindingsPerKind);
        foreach (var o in flagged)
        {
            var examples = new JsonArray();
            foreach (var example in o.Examples)
            {
                examples.Add(new JsonObject { ["row"] = example.Row, ["value"] = example.Value });
            }
            var evidence = new JsonObject
            {
                ["metric"] = "outliers",
                ["column"] = o.Column,
                ["count"] = o.Count,
                ["lower_fence"] = o.LowerFence,
                ["upper_fence"] = o.UpperFence,
                ["examples"] = examples,
            };
            var lie = o.Count == 1 ? "value lies" : "values lie";
            var detail = $"{Figures.Format(o.Count)} {lie} outside the interquartile fences of '{o.Column}' ({Figures.Format(o.LowerFence)} to {Figures.Format(o.UpperFence)})";
            if (o.Examples.Count > 0)
            {
                var extreme = o.Examples[0];
                detail += $"; the most extreme is {Figures.Format(extreme.Value)} at row index {Figures.Format(extreme.Row)}";
            }
            yield return new Finding(
                $"'{o.Column}' has outliers",
                Severity.Warning,
                detail + ".",
                evidence,
                new Recommendation(
                    $"Review the outliers in '{o.Column}'",
                    $"Check whether the extreme values of '{o.Column}' are entry errors or genuine cases before relying on its mean; its median is robust to them meanwhile.",
                    Level.Medium,
                    Level.Low));
        }
    }

    private static IEnumerable<Finding> ConstantColumns(TableProfile profile)
    {
        foreach (var column in profile.Columns.Where(c => c.Distinct == 1).Take(MaxFindingsPerKind))
        {
            yield return new Finding(
                $"'{column.Name}' never varies",
                Severity.Info,
                $"'{column.Name}' holds the same value in every row where it is present, so it cannot explain differences between rows.",
                new JsonObject { ["metric"] = "columns", ["column"] = column.Name, ["distinct"] = column.Distinct },
                new Recommendation(
                    $"Drop '{column.Name}' from analyses",
                    $"A constant column adds clutter to tables and models without adding information.",
                    Level.Low,
                    Level.Low));
        }
    }
}
