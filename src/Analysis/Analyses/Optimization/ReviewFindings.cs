using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Optimization;

/// <summary>
/// Turns the review's step outputs into findings. Like data_interpretation, text quotes only numbers
/// stored in the outputs (with <see cref="Figures"/>), and thresholds are described in words:
/// concentrated means the vital few are at most a third of the categories; one category dominating
/// means it holds half or more (a risk for revenue-like values, the first target for cost or duration); rework means a step repeats in a quarter or more of its cases; a
/// per-unit spread is worth a finding when the highest figure is at least double the lowest.
/// </summary>
internal static class ReviewFindings
{
    public const double DominantSharePct = 50;
    public const double ReworkSharePct = 25;
    public const double NotableSpread = 2;

    /// <summary>How many vital-few names a recommendation spells out.</summary>
    public const int NamesInText = 5;

    /// <summary>Findings ordered by severity (critical first); within one, in the order the rules run.</summary>
    public static IReadOnlyList<Finding> Evaluate(JsonObject pareto, JsonObject candidates, JsonObject ratios)
    {
        IEnumerable<Finding> all =
        [
            .. Concentration(pareto),
            .. Dependence(pareto),
            .. Negatives(pareto),
            .. TopCandidate(candidates),
            .. Rework(candidates),
            .. Spreads(ratios, JsonValues.String(pareto["category_field"], "pareto.category_field")),
        ];
        return all.OrderByDescending(f => f.Severity).ToArray();
    }

    private static IEnumerable<Finding> Concentration(JsonObject pareto)
    {
        var category = JsonValues.String(pareto["category_field"], "pareto.category_field");
        var value = JsonValues.String(pareto["value_field"], "pareto.value_field");
        var total = JsonValues.Double(pareto["total"], "pareto.total");
        var n = JsonValues.Int(pareto["categories"], "pareto.categories");
        var k = JsonValues.Int(pareto["vital_few_count"], "pareto.vital_few_count");
        var evidence = Evidence(pareto, "total", "categories", "threshold_pct", "vital_few_count", "vital_few_share_pct", "vital_few_value_pct", "top_20pct_count", "top_20pct_share_pct");
        if (n == 0 || total <= 0)
        {
            yield return new Finding(
                $"'{value}' has no positive total",
                Severity.Warning,
                $"'{value}' sums to zero or less in every '{category}' value, so there is nothing to rank.",
                evidence,
                new Recommendation(
                    $"Check how '{value}' is recorded",
                    $"A review of where '{value}' concentrates needs positive amounts; check the sign convention and whether the right column was chosen (options.value_field).",
                    Level.Medium,
                    Level.Low));
            yield break;
        }
        var items = JsonValues.Array(pareto["items"], "pareto.items");
        if (n == 1)
        {
            var only = JsonValues.String(items[0]?["category"], "pareto.items[].category");
            yield return new Finding(
                $"Only one '{category}' value carries '{value}'",
                Severity.Info,
                $"'{only}' holds all of '{value}' ({Figures.Format(total)}), so there is no ranking to act on.",
                evidence,
                null);
            yield break;
        }
        var share = Figures.Format(JsonValues.Double(pareto["vital_few_share_pct"], "pareto.vital_few_share_pct"));
        var reached = Figures.Format(JsonValues.Double(pareto["vital_few_value_pct"], "pareto.vital_few_value_pct"));
        var threshold = Figures.Format(JsonValues.Double(pareto["threshold_pct"], "pareto.threshold_pct"));
        var topCount = Figures.Format(JsonValues.Int(pareto["top_20pct_count"], "pareto.top_20pct_count"));
        var topShare = Figures.Format(JsonValues.Double(pareto["top_20pct_share_pct"], "pareto.top_20pct_share_pct"));
        // Exact integer comparison: the rounded share must not decide the rule.
        if (k * 3 <= n)
        {
            var names = JsonValues.Array(pareto["vital_few"], "pareto.vital_few")
                .Take(NamesInText)
                .Select(v => $"'{JsonValues.String(v, "pareto.vital_few[]")}'");
            yield return new Finding(
                $"A vital few '{category}' values carry most of '{value}'",
                Severity.Info,
                $"{Figures.Format(k)} of {Figures.Format(n)} '{category}' values ({share}% of them) account for {reached}% of '{value}', past the {threshold}% mark; the top fifth ({topCount}) hold {topShare}%.",
                evidence,
                new Recommendation(
                    $"Focus on the vital few '{category}' values",
                    $"Start with {string.Join(", ", names)}: changes there move most of '{value}', while the long tail can be simplified or served at lower cost.",
                    Level.High,
                    Level.Low));
        }
        else
        {
            yield return new Finding(
                $"'{value}' is spread widely across '{category}'",
                Severity.Info,
                $"It takes {Figures.Format(k)} of {Figures.Format(n)} '{category}' values ({share}% of them) to reach {threshold}% of '{value}'; the top fifth ({topCount}) hold {topShare}%.",
                evidence,
                new Recommendation(
                    $"Look for levers that apply across '{category}'",
                    $"No small group of '{category}' values dominates '{value}', so changes to the shared process pay off more than targeting single values.",
                    Level.Medium,
                    Level.Medium));
        }
    }

    private static IEnumerable<Finding> Dependence(JsonObject pareto)
    {
        var n = JsonValues.Int(pareto["categories"], "pareto.categories");
        var items = JsonValues.Array(pareto["items"], "pareto.items");
        if (n < 2 || items.Count == 0 || JsonValues.Double(pareto["total"], "pareto.total") <= 0)
        {
            yield break;
        }
        var top = JsonValues.Object(items[0], "pareto.items[]");
        var sharePct = JsonValues.Double(top["share_pct"], "pareto.items[].share_pct");
        if (sharePct < DominantSharePct)
        {
            yield break;
        }
        var category = JsonValues.String(pareto["category_field"], "pareto.category_field");
        var value = JsonValues.String(pareto["value_field"], "pareto.value_field");
        var name = JsonValues.String(top["category"], "pareto.items[].category");
        var evidence = new JsonObject { ["metric"] = "pareto", ["item"] = top.DeepClone(), ["total"] = pareto["total"]?.DeepClone() };
        var detail = $"'{name}' contributes {Figures.Format(JsonValues.Double(top["value"], "pareto.items[].value"))} of the {Figures.Format(JsonValues.Double(pareto["total"], "pareto.total"))} total of '{value}'.";
        // A burden concentrated in one place is the first thing to cut; a gain concentrated there is a risk.
        if (MeasureNames.Classify(value) is MeasureKind.Cost or MeasureKind.Duration)
        {
            yield return new Finding(
                $"'{name}' alone accounts for {Figures.Format(sharePct)}% of '{value}'",
                Severity.Warning,
                detail,
                evidence,
                new Recommendation(
                    $"Cut '{value}' in '{name}' first",
                    $"Most of '{value}' arises in '{name}', so a saving there outweighs the same effort spent on any other '{category}' value.",
                    Level.High,
                    Level.Medium));
            yield break;
        }
        yield return new Finding(
            $"'{name}' alone carries {Figures.Format(sharePct)}% of '{value}'",
            Severity.Warning,
            detail,
            evidence,
            new Recommendation(
                $"Reduce the dependence on '{name}'",
                $"A setback in '{name}' would move the whole of '{value}'; secure it and grow the next '{category}' values to spread the risk.",
                Level.High,
                Level.High));
    }

    private static IEnumerable<Finding> Negatives(JsonObject pareto)
    {
        var excluded = JsonValues.Int(pareto["excluded_categories"], "pareto.excluded_categories");
        if (excluded == 0)
        {
            yield break;
        }
        var category = JsonValues.String(pareto["category_field"], "pareto.category_field");
        var value = JsonValues.String(pareto["value_field"], "pareto.value_field");
        var excludedTotal = JsonValues.Double(pareto["excluded_total"], "pareto.excluded_total");
        var have = excluded == 1 ? "value has" : "values have";
        yield return new Finding(
            $"{Figures.Format(excluded)} '{category}' {have} a negative net '{value}'",
            Severity.Warning,
            $"Their net total is {Figures.Format(excludedTotal)}; they are left out of the ranking and its shares.",
            Evidence(pareto, "excluded_categories", "excluded_total"),
            new Recommendation(
                $"Investigate the negative '{value}' totals",
                $"Negative totals usually mean refunds, write-offs or sign errors; check them before acting on the ranking.",
                Level.Medium,
                Level.Low));
    }

    /// <summary>Only for real process steps (an activity column): scoring regions or products for automation would mislead.</summary>
    private static IEnumerable<Finding> TopCandidate(JsonObject candidates)
    {
        var list = JsonValues.Array(candidates["candidates"], "candidates.candidates");
        if (JsonValues.String(candidates["step_basis"], "candidates.step_basis") != "activity" || list.Count == 0)
        {
            yield break;
        }
        var stepField = JsonValues.String(candidates["step_field"], "candidates.step_field");
        var waitField = candidates["wait_field"] is { } w ? JsonValues.String(w, "candidates.wait_field") : null;
        var best = JsonValues.Object(list[0], "candidates.candidates[]");
        var step = JsonValues.String(best["step"], "candidates.candidates[].step");
        var detail = $"'{step}' occurs {Figures.Format(JsonValues.Int(best["count"], "count"))} times ({Figures.Format(JsonValues.Double(best["row_share_pct"], "row_share_pct"))}% of steps)";
        if (waitField is not null && JsonValues.NullableDouble(best["mean_wait"], "mean_wait") is { } wait)
        {
            detail += $", with a mean '{waitField}' of {Figures.Format(wait)}";
        }
        if (JsonValues.NullableDouble(best["repeat_share_pct"], "repeat_share_pct") is { } repeat)
        {
            detail += $", and repeats in {Figures.Format(repeat)}% of its cases";
        }
        detail += $"; its score of {Figures.Format(JsonValues.Double(best["score"], "score"))} is the highest among the '{stepField}' values.";
        var measure = waitField is null ? "its volume" : $"'{waitField}'";
        yield return new Finding(
            $"'{step}' is the top automation candidate",
            Severity.Info,
            detail,
            new JsonObject { ["metric"] = "automation_candidates", ["candidate"] = best.DeepClone() },
            new Recommendation(
                $"Automate or streamline '{step}'",
                $"Frequent, slow or repeated steps return the most when automated; start with '{step}' and measure {measure} before and after.",
                Level.High,
                Level.Medium));
    }

    private static IEnumerable<Finding> Rework(JsonObject candidates)
    {
        if (JsonValues.String(candidates["step_basis"], "candidates.step_basis") != "activity")
        {
            yield break;
        }
        var worst = JsonValues.Array(candidates["candidates"], "candidates.candidates")
            .Select(c => JsonValues.Object(c, "candidates.candidates[]"))
            .Select(c => (Json: c, Repeat: JsonValues.NullableDouble(c["repeat_share_pct"], "repeat_share_pct")))
            .Where(c => c.Repeat >= ReworkSharePct)
            .OrderByDescending(c => c.Repeat)
            .Select(c => c.Json)
            .FirstOrDefault();
        if (worst is null)
        {
            yield break;
        }
        var step = JsonValues.String(worst["step"], "candidates.candidates[].step");
        yield return new Finding(
            $"'{step}' is repeated within cases",
            Severity.Warning,
            $"'{step}' occurs more than once in {Figures.Format(JsonValues.Int(worst["repeat_cases"], "repeat_cases"))} of the {Figures.Format(JsonValues.Int(worst["cases"], "cases"))} cases where it appears ({Figures.Format(JsonValues.Double(worst["repeat_share_pct"], "repeat_share_pct"))}%).",
            new JsonObject { ["metric"] = "automation_candidates", ["candidate"] = worst.DeepClone() },
            new Recommendation(
                $"Remove the rework around '{step}'",
                $"Repeats usually mean a failed first attempt; find why '{step}' has to be redone and fix what it receives.",
                Level.High,
                Level.Medium));
    }

    private static IEnumerable<Finding> Spreads(JsonObject ratios, string category)
    {
        foreach (var node in JsonValues.Array(ratios["ratios"], "ratios.ratios"))
        {
            var ratio = JsonValues.Object(node, "ratios.ratios[]");
            if (JsonValues.NullableDouble(ratio["spread"], "ratios.ratios[].spread") is not { } spread || spread < NotableSpread)
            {
                continue;
            }
            var money = JsonValues.String(ratio["money_field"], "money_field");
            var volume = JsonValues.String(ratio["volume_field"], "volume_field");
            var kind = JsonValues.String(ratio["kind"], "kind");
            var high = JsonValues.Object(ratio["highest"], "highest");
            var low = JsonValues.Object(ratio["lowest"], "lowest");
            var highName = JsonValues.String(high["category"], "highest.category");
            var lowName = JsonValues.String(low["category"], "lowest.category");
            var evidence = new JsonObject
            {
                ["metric"] = "ratios",
                ["money_field"] = money,
                ["volume_field"] = volume,
                ["highest"] = high.DeepClone(),
                ["lowest"] = low.DeepClone(),
                ["spread"] = ratio["spread"]?.DeepClone(),
            };
            var detail = $"'{highName}' has {Figures.Format(JsonValues.Double(high["per_unit"], "per_unit"))} of '{money}' per unit of '{volume}' against {Figures.Format(JsonValues.Double(low["per_unit"], "per_unit"))} for '{lowName}', a spread of {Figures.Format(spread)} times.";
            var title = $"'{money}' per unit of '{volume}' varies widely across '{category}'";
            yield return kind == "cost"
                ? new Finding(
                    title,
                    Severity.Warning,
                    detail,
                    evidence,
                    new Recommendation(
                        $"Bring the unit cost of '{highName}' toward '{lowName}'",
                        $"Compare how '{highName}' and '{lowName}' buy, produce or deliver; the gap in '{money}' per unit shows what adopting the cheaper practice is worth.",
                        Level.High,
                        Level.Medium))
                : new Finding(
                    title,
                    Severity.Info,
                    detail,
                    evidence,
                    new Recommendation(
                        $"Review pricing and mix in '{lowName}'",
                        $"'{lowName}' earns the least per unit of '{volume}'; compare its discounts, price levels and product mix with '{highName}'.",
                        Level.Medium,
                        Level.Medium));
        }
    }

    private static JsonObject Evidence(JsonObject source, params string[] keys)
    {
        var evidence = new JsonObject { ["metric"] = "pareto" };
        foreach (var key in keys)
        {
            evidence[key] = source[key]?.DeepClone();
        }
        return evidence;
    }
}
