using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Llm;
using Actors.Numbers;
using Microsoft.Extensions.AI;

namespace Actors.Conversations;

/// <summary>
/// Answers a results question with an agent (<see cref="ConversationOptions.Agent"/>, the tenant's
/// definition of it and the tenant's business context), as a job's agent step works: the reports'
/// metrics and findings, and the data tools over each bound job's own table, read through the job
/// (<see cref="IAnalysisJob.GetInput"/>, so only the caller's tenant's jobs are ever read). A job
/// whose data is gone is answered from its report only, and the answer says so. The answer is held to
/// the grounding rule: every number traces to a tool result, the metrics or the findings' evidence;
/// an answer that invents one is asked for again once with the numbers named, then refused, and the
/// caller's rules answer with the reason. With no provider nothing is read or asked.
/// </summary>
public sealed class ConversationAgent(
    TenantLlm llm,
    TenantChains chains,
    IGrainFactory grains,
    IOptions<ConversationOptions> options,
    ILogger<ConversationAgent> logger)
{
    /// <summary>The conversation's deadline passed before the agent answered.</summary>
    public const string Timeout = "timeout";

    private const int MaxMetricsChars = 8_000;

    private const string Rules = """
        You answer a question in a conversation about the company's data analyses, in 1 to 4 sentences of plain prose.
        Work from the analyses' reports (list_metrics, get_metric, list_findings) and, where their data is kept, from the
        data itself with the data tools (profile, describe_column, filter_rows, group_by, top_n and the analytics), naming
        the analysis with job_id. Every number you write must come from the metrics given or from a tool result: copy it
        as it is written (rounding to fewer decimals is fine), and compute any difference, percentage or ratio with the
        difference, percent_change or ratio tools, never by hand. A data tool answers at most {0} rows or groups and {1}
        characters and says when it cut its answer: narrow the call instead of guessing what was left out. Do not invent
        numbers and do not write job ids. If neither the reports nor the data can answer the question, say so.
        """;

    public async Task<AgentReply> AnswerAsync(ConversationCall call, string question, ConversationContext context, IReadOnlyList<JobReport> reports,
        CancellationToken cancellationToken)
    {
        if ((await chains.ForAsync(call.TenantId)).Targets.Count == 0)
        {
            // No provider: nothing to read or ask, and the rules' answer is today's, word for word.
            return new AgentReply(LlmReply.None(LlmAnswers.Unavailable), null);
        }
        var completed = reports.Where(r => r.Metrics is not null).ToList();
        var agent = await AgentAsync(call);
        var business = await BusinessContextAsync(call);
        var tables = await TablesAsync(call, completed, cancellationToken);
        var (metrics, findings) = ReportParts(completed);
        var tools = new ConversationTools(new NarrativeTools(metrics, findings), tables, agent.Tools);
        var sources = completed.Select(r => new ConversationSource(r.JobId, tables.ContainsKey(r.JobId) ? ConversationSource.Data : ConversationSource.Report)).ToList();

        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt(agent, business)) };
        messages.AddRange(LlmAnswers.Recent(context));
        messages.Add(new ChatMessage(ChatRole.User, UserPrompt(question, completed, metrics, tables)));
        var chatOptions = new ChatOptions { Tools = tools.Functions, Temperature = 0.2f };
        var evidence = Evidence(metrics, findings);
        GroundedAnswer asked;
        try
        {
            asked = await llm.AskGroundedAsync(new LlmQuestion((call with { Step = "answer" }).Caller, messages, chatOptions, tools, agent.ModelPreference),
                text => AnswerVerdict.Grounded(Grounding.Check(WithoutJobIds(text, completed), evidence, tools.Returned)), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Conversation {TenantId}/{ConversationId}: agent {Agent} did not answer within {Deadline}; rules answer",
                call.TenantId, call.ConversationId, agent.Name, options.Value.LlmDeadline);
            return new AgentReply(LlmReply.None(LlmAnswers.Unavailable), Run(agent, null, tools, sources, Timeout));
        }
        if (asked.Text is not { } answer)
        {
            var reason = AgentOutcome.Why(asked);
            logger.LogInformation("Conversation {TenantId}/{ConversationId}: agent {Agent} fell back to the rules: {FallbackReason}",
                call.TenantId, call.ConversationId, agent.Name, reason);
            var why = asked.Reason is LlmReasons.InventedNumbers or LlmReasons.RegenerationFailed ? LlmAnswers.InventedNumbers : LlmAnswers.Unavailable;
            return new AgentReply(LlmReply.None(why), Run(agent, asked, tools, sources, reason));
        }
        var gone = sources.Where(s => s.From == ConversationSource.Report).Select(s => s.JobId).ToList();
        var text = gone.Count == 0 ? answer : $"{answer} ({DataGone(gone)})";
        return new AgentReply(new LlmReply(text, asked.Grounding, [.. completed.Select(r => r.JobId)]), Run(agent, asked, tools, sources, null));
    }

    /// <summary>What the answer says of jobs it could only answer from their reports.</summary>
    public static string DataGone(IReadOnlyList<string> jobIds) =>
        $"The data of {(jobIds.Count == 1 ? "analysis " + jobIds[0] + " is" : "analyses " + string.Join(", ", jobIds) + " are")} no longer kept, so this answer draws on "
        + (jobIds.Count == 1 ? "its report" : "their reports") + " only.";

    private static ConversationAgentRun Run(AgentDefinition agent, GroundedAnswer? asked, ConversationTools tools, IReadOnlyList<ConversationSource> sources, string? fallback)
    {
        var calls = asked?.Calls ?? [];
        return new ConversationAgentRun(agent.Name, fallback is null ? AgentOutcome.Llm : AgentOutcome.Statistical, asked?.Last?.Target.Label, tools.Calls,
            calls.Sum(c => c.InputTokens + c.OutputTokens), calls.Sum(c => c.CostUsd), fallback, sources);
    }

    /// <summary>The tenant's definition of the answering agent; the built-in one when it cannot be read.</summary>
    private async Task<AgentDefinition> AgentAsync(ConversationCall call)
    {
        var name = options.Value.Agent;
        return await AgentBriefing.DefinitionAsync(grains, call.TenantId, name, ex => logger.LogWarning(ex,
                "Conversation {TenantId}/{ConversationId} could not read agent {Agent}; its built-in definition answers", call.TenantId, call.ConversationId, name))
            ?? AgentBriefing.BuiltIn(name);
    }

    private Task<string?> BusinessContextAsync(ConversationCall call) =>
        AgentBriefing.BusinessContextAsync(grains, call.TenantId, ex => logger.LogWarning(ex,
            "Conversation {TenantId}/{ConversationId} could not read the business context; the agent goes without it", call.TenantId, call.ConversationId));

    /// <summary>Each completed job's table, read through the job (interleaved reads, side by side); a job whose data is gone, or cannot be read, has none.</summary>
    private async Task<IReadOnlyDictionary<string, AnalysisInput>> TablesAsync(ConversationCall call, IReadOnlyList<JobReport> completed, CancellationToken cancellationToken)
    {
        var reads = completed.Select(r => TableAsync(call, r.JobId, cancellationToken)).ToList();
        var tables = await Task.WhenAll(reads);
        return completed.Zip(tables).Where(p => p.Second is not null).ToDictionary(p => p.First.JobId, p => p.Second!, StringComparer.Ordinal);
    }

    private async Task<AnalysisInput?> TableAsync(ConversationCall call, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            if (await grains.GetGrain<IAnalysisJob>(JobKey.For(call.TenantId, jobId)).GetInput() is not { IsKept: true } input)
            {
                return null;
            }
            return await Task.Run(() => AnalysisCatalog.ReadInput(input.Type, input.RecordsJson, input.Csv, input.Question, input.Options), cancellationToken)
                .WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Conversation {TenantId}/{ConversationId} could not read the data of job {JobId}; its report answers", call.TenantId, call.ConversationId, jobId);
            return null;
        }
    }

    private static (JsonObject Metrics, JsonArray Findings) ReportParts(IReadOnlyList<JobReport> completed)
    {
        var metrics = new JsonObject();
        var findings = new JsonArray();
        foreach (var report in completed)
        {
            metrics[report.JobId] = JsonNode.Parse(report.Metrics!.Value.GetRawText());
            if (report.Report!.Value.TryGetProperty("findings", out var found) && found.ValueKind == JsonValueKind.Array)
            {
                foreach (var finding in found.EnumerateArray())
                {
                    var node = JsonNode.Parse(finding.GetRawText())!.AsObject();
                    node["job_id"] = report.JobId;
                    findings.Add(node);
                }
            }
        }
        return (metrics, findings);
    }

    private static string SystemPrompt(AgentDefinition agent, string? business)
    {
        var text = AgentBriefing.Persona(agent, business);
        text.Append('\n').Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, Rules, DataTools.MaxRows, AgentToolbox.MaxResultChars));
        return text.ToString();
    }

    private static string UserPrompt(string question, IReadOnlyList<JobReport> completed, JsonObject metrics, IReadOnlyDictionary<string, AnalysisInput> tables)
    {
        var text = new StringBuilder("The analyses: ");
        text.AppendJoin(", ", completed.Select(r => $"{r.JobId} ({r.Type})"));
        var json = metrics.ToJsonString();
        text.Append("\nTheir metrics (JSON, by analysis): ").Append(json.Length > MaxMetricsChars ? json[..MaxMetricsChars] + "…(cut; use the tools)" : json);
        foreach (var report in completed)
        {
            text.Append('\n');
            if (tables.TryGetValue(report.JobId, out var input))
            {
                text.Append("The data of ").Append(report.JobId).Append(": ").Append(input.Table.RowCount).Append(" rows; columns ")
                    .AppendJoin(", ", input.Table.Columns).Append('.');
            }
            else
            {
                text.Append("The data of ").Append(report.JobId).Append(" is no longer kept: answer about it from its report.");
            }
        }
        text.Append("\nQuestion: ").Append(question);
        return text.ToString();
    }

    /// <summary>What numbers may be quoted besides tool results: the metrics and the findings' evidence.</summary>
    private static JsonObject Evidence(JsonObject metrics, JsonArray findings) => new()
    {
        ["metrics"] = metrics.DeepClone(),
        ["evidence"] = new JsonArray(findings.Select(f => f?["evidence"]?.DeepClone()).Where(e => e is not null).ToArray()),
    };

    /// <summary>Job ids carry digits that are no figures: they are taken out before the numbers are checked.</summary>
    private static string WithoutJobIds(string text, IReadOnlyList<JobReport> reports) =>
        reports.Aggregate(text, (t, r) => t.Replace(r.JobId, " ", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The agent's answer (as <see cref="LlmReply"/>) and how it worked (null: it was not asked, there being no provider).</summary>
public sealed record AgentReply(LlmReply Reply, ConversationAgentRun? Run);
