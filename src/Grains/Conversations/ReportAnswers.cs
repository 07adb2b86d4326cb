using System.Text;
using System.Text.Json;

namespace Actors.Conversations;

/// <summary>
/// Answers questions about results from the bound jobs' reports, without a language model. Every
/// number is quoted from the report as written there (its JSON text), never computed or rounded here.
/// </summary>
public static class ReportAnswers
{
    public const string NeedsLlm =
        "That question needs a language model to answer, and this conversation answers without one (the tenant has no LLM provider, or none is available now): it answers from the numbers in the bound analyses' reports.";

    private const string Examples =
        "You can ask: \"What is the bottleneck?\", \"And its waiting time?\", \"Which step should we automate first?\", \"What are the main findings?\", \"What is the trend?\", \"Summarise the results\".";

    public static ConversationReply Answer(string question, QuestionIntent intent, ConversationContext context, IReadOnlyList<JobReport> reports, DateTimeOffset now,
        IReadOnlyCollection<string>? supportedTypes = null)
    {
        var (text, topic) = intent switch
        {
            QuestionIntent.Greeting => ("Hello. I answer questions about this conversation's analyses from their reports. " + Examples, context.Topic),
            QuestionIntent.Help => (Help(context), context.Topic),
            QuestionIntent.NewAnalysis => (AnalysisRequests.WhatToSend(question, reports, supportedTypes ?? []), context.Topic),
            QuestionIntent.Results => Results(question, context, reports),
            _ => (NeedsLlm + " " + Examples, context.Topic),
        };
        var references = topic?.JobId is { } jobId ? new[] { jobId } : [];
        var message = new ConversationMessage(ConversationMessage.Assistant, text, now,
            intent == QuestionIntent.Results ? references : [], ToWire(intent), ConversationMessage.ByRules, ConversationMessage.ByRules);
        return new ConversationReply(message, intent == QuestionIntent.Results ? topic : context.Topic);
    }

    public static string ToWire(QuestionIntent intent) => intent switch
    {
        QuestionIntent.Greeting => "greeting",
        QuestionIntent.Help => "help",
        QuestionIntent.Results => "results",
        QuestionIntent.NewAnalysis => "new_analysis",
        _ => "general",
    };

    private static string Help(ConversationContext context) =>
        (context.JobIds.Count == 0
            ? "This conversation is bound to no analysis yet: open one with job_ids to ask about its results. "
            : $"This conversation is bound to {string.Join(", ", context.JobIds)}. ")
        + Examples + " To run a new analysis, send a message with an \"analysis\" object ({\"type\", \"csv\" or \"data\"}), or POST /api/v1/analyses and open a conversation on its job.";

    private static (string Text, ConversationTopic? Topic) Results(string question, ConversationContext context, IReadOnlyList<JobReport> reports)
    {
        if (reports.Count == 0)
        {
            return ("This conversation is bound to no analysis, so I have no results to answer from. Open a conversation with job_ids to ask about an analysis.", context.Topic);
        }
        var q = question.ToLowerInvariant();
        var topicName = ResultTopics.Match(q) ?? context.Topic?.Name ?? ResultTopics.Summary;
        var followUp = QuestionRouter.IsFollowUp(q) && context.Topic is not null;
        var named = reports.FirstOrDefault(r => q.Contains(r.JobId, StringComparison.OrdinalIgnoreCase));
        var preferred = named ?? (followUp ? reports.FirstOrDefault(r => r.JobId == context.Topic!.JobId) : null);
        var completed = reports.Where(r => r.Metrics is not null).ToList();
        if (completed.Count == 0)
        {
            var states = string.Join("; ", reports.Select(r => $"{r.JobId} is {r.Status}"));
            return ($"No bound analysis has a report yet ({states}). Ask again once it has completed.", context.Topic);
        }
        // The named (or previously discussed) job first, then the newest bound job that can answer.
        var candidates = (preferred is { Metrics: not null } ? new[] { preferred } : [])
            .Concat(Enumerable.Reverse(completed)).Distinct().ToList();
        var subject = followUp ? context.Topic!.Subject : null;
        foreach (var report in candidates)
        {
            if (AnswerFrom(topicName, question, subject, report) is { } answer)
            {
                return (answer.Text, new ConversationTopic(topicName, answer.Subject, report.JobId));
            }
        }
        var types = string.Join(", ", completed.Select(r => $"{r.JobId} ({r.Type})").Distinct());
        return ($"The bound reports ({types}) have no figures about {topicName.Replace('_', ' ')}. " + NeedsLlm, context.Topic);
    }

    private sealed record Answered(string Text, string? Subject);

    private static Answered? AnswerFrom(string topic, string original, string? subject, JobReport report)
    {
        var metrics = report.Metrics!.Value;
        return topic switch
        {
            ResultTopics.Bottleneck => Bottleneck(metrics, report),
            ResultTopics.Waiting => Waiting(metrics, original, subject, report),
            ResultTopics.CycleTime => Figures(report, "The cycle time (first to last event of a case)",
                (metrics, "mean_cycle_time_s", "mean", " s"), (metrics, "median_cycle_time_s", "median", " s")),
            ResultTopics.Rework => Rework(metrics, report),
            ResultTopics.Variants => Variants(metrics, report),
            ResultTopics.Automation => Automation(metrics, report),
            ResultTopics.Findings => Findings(report),
            ResultTopics.Trend => Trend(metrics, report),
            ResultTopics.Pareto => Pareto(metrics, report),
            ResultTopics.Kpis => Kpis(report),
            ResultTopics.Size => Figures(report, "The data", (metrics, "cases", "cases", ""), (metrics, "events", "events", ""), (metrics, "rows", "rows", "")),
            _ => Summary(report),
        };
    }

    private static Answered? Bottleneck(JsonElement metrics, JobReport report)
    {
        if (Text(metrics, "bottleneck_activity") is not { } activity)
        {
            return null;
        }
        var sb = new StringBuilder($"In {report.JobId}, the bottleneck is {activity}: the activity with the longest mean waiting time");
        if (Activity(metrics, activity) is { } a && Number(a, "mean_wait_s") is { } wait)
        {
            sb.Append($", {wait} s on average");
            if (Number(a, "count") is { } count)
            {
                sb.Append($" over {count} occurrences");
            }
        }
        sb.Append('.');
        return new Answered(sb.ToString(), activity);
    }

    /// <summary>Whole words only; a one-letter name must match its case, so the article "a" is not activity "A".</summary>
    private static bool Names(string question, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(question, $@"(?<![\w]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w])",
            name.Length > 1 ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : System.Text.RegularExpressions.RegexOptions.None);

    private static Answered? Waiting(JsonElement metrics, string originalQuestion, string? subject, JobReport report)
    {
        if (!metrics.TryGetProperty("activities", out var activities) || activities.ValueKind != JsonValueKind.Object)
        {
            return Automation(metrics, report) is { } automation ? automation : null;
        }
        // An activity named in the question wins; else the one talked about; else the bottleneck.
        var activity = activities.EnumerateObject().Select(p => p.Name)
            .Where(name => Names(originalQuestion, name))
            .OrderByDescending(name => name.Length).FirstOrDefault()
            ?? (subject is not null && activities.TryGetProperty(subject, out _) ? subject : null)
            ?? Text(metrics, "bottleneck_activity");
        if (activity is null || Activity(metrics, activity) is not { } a)
        {
            return null;
        }
        var mean = Number(a, "mean_wait_s");
        if (mean is null)
        {
            return new Answered($"In {report.JobId}, {activity} has no waiting time: it always starts its case.", activity);
        }
        var total = Number(a, "total_wait_s");
        var text = $"In {report.JobId}, the mean waiting time before {activity} is {mean} s" + (total is null ? "." : $", {total} s in total.");
        return new Answered(text, activity);
    }

    private static Answered? Rework(JsonElement metrics, JobReport report)
    {
        if (Number(metrics, "rework_cases") is not { } cases)
        {
            return null;
        }
        var text = $"In {report.JobId}, {cases} cases have rework (an activity occurring more than once)";
        if (metrics.TryGetProperty("rework_activities", out var per) && per.ValueKind == JsonValueKind.Object)
        {
            var parts = per.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Take(5).Select(p => $"{p.Name}: {p.Value.GetRawText()}").ToList();
            if (parts.Count > 0)
            {
                text += "; by activity " + string.Join(", ", parts);
            }
        }
        return new Answered(text + ".", null);
    }

    private static Answered? Variants(JsonElement metrics, JobReport report)
    {
        if (!metrics.TryGetProperty("variants", out var variants) || variants.ValueKind != JsonValueKind.Array || variants.GetArrayLength() == 0)
        {
            return null;
        }
        var top = variants.EnumerateArray().Take(3)
            .Select(v => $"{Text(v, "path")} ({Number(v, "cases")} cases)").ToList();
        return new Answered($"In {report.JobId}, the most frequent paths are: {string.Join("; ", top)}.", null);
    }

    private static Answered? Automation(JsonElement metrics, JobReport report)
    {
        if (metrics.TryGetProperty("automation_candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array && candidates.GetArrayLength() > 0)
        {
            var first = candidates[0];
            var step = Text(first, "step") ?? first.GetProperty("step").GetRawText();
            var sb = new StringBuilder($"In {report.JobId}, automate {step} first: it has the highest automation score, {Number(first, "score")}");
            sb.Append($" ({Number(first, "count")} occurrences, {Number(first, "row_share_pct")}% of rows");
            if (Number(first, "mean_wait") is { } wait)
            {
                sb.Append($", mean wait {wait}");
            }
            sb.Append(").");
            if (candidates.GetArrayLength() > 1)
            {
                sb.Append($" Next is {Text(candidates[1], "step")} with a score of {Number(candidates[1], "score")}.");
            }
            return new Answered(sb.ToString(), step);
        }
        if (Bottleneck(metrics, report) is { } bottleneck)
        {
            return new Answered($"{report.JobId} is a {report.Type}, which has no automation scores (an optimization_review has them). "
                + bottleneck.Text, bottleneck.Subject);
        }
        return null;
    }

    private static Answered? Findings(JobReport report)
    {
        if (report.Report is not { } r || !r.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        if (findings.GetArrayLength() == 0)
        {
            return new Answered($"{report.JobId} reported no findings.", null);
        }
        var top = findings.EnumerateArray().Take(5)
            .Select(f => $"[{Text(f, "severity") ?? "info"}] {Text(f, "title")}" + (Text(f, "detail") is { Length: > 0 } d ? $": {d}" : ""))
            .ToList();
        return new Answered($"The main findings of {report.JobId}: " + string.Join(" ", top.Select(t => t.EndsWith('.') ? t : t + ".")), null);
    }

    /// <summary>A trend analysis keeps its figures per value field under <c>series</c>; older reports kept one series at the top.</summary>
    private static Answered? Trend(JsonElement metrics, JobReport report)
    {
        if (metrics.TryGetProperty("series", out var series) && series.ValueKind == JsonValueKind.Object)
        {
            var each = series.EnumerateObject().Take(3)
                .Select(s => TrendFigures(s.Value) is { } figures ? $"'{s.Name}': {figures}" : null)
                .OfType<string>().ToList();
            return each.Count == 0 ? null : new Answered($"In {report.JobId}, {string.Join(" ", each)}", null);
        }
        return TrendFigures(metrics) is { } top ? new Answered($"In {report.JobId}: {top}", null) : null;
    }

    private static string? TrendFigures(JsonElement metrics)
    {
        var parts = new List<string>();
        AddFigure(parts, metrics, "growth_pct", "growth from first to last period", "%");
        AddFigure(parts, metrics, "slope_per_period", "slope per period", "");
        AddFigure(parts, metrics, "r2", "R²", "");
        AddFigure(parts, metrics, "seasonality_period", "seasonality period", " periods");
        if (parts.Count == 0)
        {
            return null;
        }
        var text = $"{string.Join(", ", parts)}.";
        if (metrics.TryGetProperty("anomalies", out var anomalies) && anomalies.ValueKind == JsonValueKind.Array)
        {
            var listed = anomalies.EnumerateArray().Take(3).Select(a => $"{Raw(a, "t")} (value {Number(a, "value")})").ToList();
            text += listed.Count == 0 ? " No anomalies were detected." : $" Anomalies: {string.Join(", ", listed)}.";
        }
        return text;
    }

    private static Answered? Pareto(JsonElement metrics, JobReport report)
    {
        if (!metrics.TryGetProperty("pareto", out var pareto) || pareto.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var few = pareto.TryGetProperty("vital_few", out var v) && v.ValueKind == JsonValueKind.Array
            ? string.Join(", ", v.EnumerateArray().Take(10).Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText()))
            : "";
        return new Answered($"In {report.JobId}, the vital few ({Number(pareto, "vital_few_count")} categories) hold {Number(pareto, "vital_few_value_pct")}% of the total: {few}.", null);
    }

    private static Answered? Kpis(JobReport report)
    {
        if (report.Report is not { } r || !r.TryGetProperty("kpis", out var kpis) || kpis.ValueKind != JsonValueKind.Array || kpis.GetArrayLength() == 0)
        {
            return null;
        }
        var parts = kpis.EnumerateArray().Take(8).Select(k => $"{Text(k, "name")}: {Raw(k, "value")}{(Text(k, "unit") is { Length: > 0 } u ? " " + u : "")}");
        return new Answered($"The key figures of {report.JobId}: {string.Join("; ", parts)}.", null);
    }

    private static Answered? Summary(JobReport report) =>
        report.Report is { } r && Text(r, "summary") is { Length: > 0 } summary
            ? new Answered($"{report.JobId} ({report.Type}): {summary}", null)
            : null;

    private static Answered? Figures(JobReport report, string lead, params (JsonElement Source, string Key, string Label, string Unit)[] figures)
    {
        var parts = figures.Where(f => Number(f.Source, f.Key) is not null).Select(f => $"{f.Label} {Number(f.Source, f.Key)}{f.Unit}").ToList();
        return parts.Count == 0 ? null : new Answered($"{lead} in {report.JobId}: {string.Join(", ", parts)}.", null);
    }

    private static void AddFigure(List<string> parts, JsonElement source, string key, string label, string unit)
    {
        if (Number(source, key) is { } value)
        {
            parts.Add($"{label} {value}{unit}");
        }
    }

    private static JsonElement? Activity(JsonElement metrics, string activity) =>
        metrics.TryGetProperty("activities", out var all) && all.ValueKind == JsonValueKind.Object && all.TryGetProperty(activity, out var a) ? a : null;

    /// <summary>A number exactly as the report wrote it.</summary>
    private static string? Number(JsonElement source, string key) =>
        source.ValueKind == JsonValueKind.Object && source.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetRawText()
            : null;

    private static string? Text(JsonElement source, string key) =>
        source.ValueKind == JsonValueKind.Object && source.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Raw(JsonElement source, string key) =>
        source.ValueKind == JsonValueKind.Object && source.TryGetProperty(key, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "?";
}
