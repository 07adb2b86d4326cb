using System.Text;
using System.Text.Json.Nodes;
using Actors.Llm;
using Actors.Numbers;
using Microsoft.Extensions.AI;

namespace Actors.Conversations;

/// <summary>
/// Answers with the tenant's LLM (<see cref="TenantLlm"/>). A results question is answered from the bound
/// reports' metrics and findings, with the analytics as tools, under the narrative's grounding rule: every
/// number in the answer must be in the metrics or a tool's result; an answer that invents one is asked for
/// again once, with the numbers named; a second miss is refused and the caller answers by rules. So a results answer
/// can only be streamed once checked. A general question is answered as it comes, streamed as the LLM
/// writes it. Null text means the LLM gave no usable answer.
/// </summary>
public sealed class LlmAnswers(TenantLlm llm, ILogger<LlmAnswers> logger)
{
    public const string InventedNumbers = LlmReasons.InventedNumbers;
    public const string Unavailable = "unavailable";

    private const int MaxMetricsChars = 8_000;
    private const int RecentMessages = 6;

    private const string ResultsPrompt = """
        You answer questions about a company's data analyses from their reports, in 1 to 4 sentences of plain prose.
        Every number you write must come from the metrics given or from a tool: read figures with list_metrics or
        get_metric, and compute any difference, percentage or ratio with the difference, percent_change or ratio
        tools, never by hand. Copy numbers as they are written (rounding to fewer decimals is fine). Do not invent
        numbers and do not write job ids. If the reports cannot answer the question, say so.
        """;

    private const string GeneralPrompt = """
        You are the assistant of a data-analysis service. Answer the user's message briefly and plainly. You can
        neither see nor change anything beyond this conversation; for figures, the user should ask about the
        analyses bound to the conversation.
        """;

    public async Task<LlmReply> ResultsAsync(ConversationCall call, string question, ConversationContext context, IReadOnlyList<JobReport> reports, CancellationToken cancellationToken)
    {
        var completed = reports.Where(r => r.Metrics is not null).ToList();
        var metrics = new JsonObject();
        var findings = new JsonArray();
        foreach (var report in completed)
        {
            metrics[report.JobId] = JsonNode.Parse(report.Metrics!.Value.GetRawText());
            if (report.Report!.Value.TryGetProperty("findings", out var found) && found.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var finding in found.EnumerateArray())
                {
                    var node = JsonNode.Parse(finding.GetRawText())!.AsObject();
                    node["job_id"] = report.JobId;
                    findings.Add(node);
                }
            }
        }
        var tools = new NarrativeTools(metrics, findings);
        var messages = new List<ChatMessage> { new(ChatRole.System, ResultsPrompt) };
        messages.AddRange(Recent(context));
        messages.Add(new ChatMessage(ChatRole.User, ResultsQuestion(question, completed, metrics)));
        var options = new ChatOptions { Tools = tools.Functions, Temperature = 0.2f };
        var evidence = Evidence(metrics, findings);
        var answer = await llm.AskGroundedAsync(new LlmQuestion((call with { Step = "answer" }).Caller, messages, options, tools),
            text => AnswerVerdict.Grounded(Grounding.Check(WithoutJobIds(text, completed), evidence, tools.Returned)), cancellationToken);
        return answer switch
        {
            { Text: { } text } => new LlmReply(text, answer.Grounding, [.. completed.Select(r => r.JobId)]),
            { Reason: LlmReasons.InventedNumbers or LlmReasons.RegenerationFailed } => LlmReply.None(InventedNumbers),
            _ => LlmReply.None(Unavailable),
        };
    }

    /// <summary>A general question, its answer handed to <paramref name="observer"/> as it is written (there are no report numbers to check first).</summary>
    public async Task<LlmReply> GeneralAsync(ConversationCall call, string question, ConversationContext context, IAnswerObserver? observer, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, GeneralPrompt) };
        messages.AddRange(Recent(context));
        messages.Add(new ChatMessage(ChatRole.User, question));
        Func<string?, Task>? deltas = observer is null ? null : text => HandOnAsync(observer, text, call);
        var answer = (await llm.AskAsync(new LlmQuestion((call with { Step = "answer" }).Caller, messages, new ChatOptions { Temperature = 0.3f }), cancellationToken, deltas)).Answer;
        if (answer is null || string.IsNullOrWhiteSpace(answer.Text))
        {
            return LlmReply.None(Unavailable);
        }
        // Streamed text is kept as sent, so the pieces join back to the message.
        return new LlmReply(observer is null ? answer.Text.Trim() : answer.Text, null, []);
    }

    /// <summary>A listener gone away (its API node stopped) must not count against the provider: its failures end here.</summary>
    private async Task HandOnAsync(IAnswerObserver observer, string? text, ConversationCall call)
    {
        try
        {
            await (text is null ? observer.Reset() : observer.Delta(text));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Conversation {TenantId}/{ConversationId}: the streamed answer's listener did not take a piece", call.TenantId, call.ConversationId);
        }
    }

    private static IEnumerable<ChatMessage> Recent(ConversationContext context) =>
        context.Recent.TakeLast(RecentMessages).Select(m => new ChatMessage(m.Role == ConversationMessage.User ? ChatRole.User : ChatRole.Assistant, m.Text));

    private static string ResultsQuestion(string question, IReadOnlyList<JobReport> reports, JsonObject metrics)
    {
        var text = new StringBuilder("The analyses: ");
        text.AppendJoin(", ", reports.Select(r => r.Type));
        var json = metrics.ToJsonString();
        text.Append("\nTheir metrics (JSON, by analysis): ").Append(json.Length > MaxMetricsChars ? json[..MaxMetricsChars] + "…(cut; use the tools)" : json);
        text.Append("\nQuestion: ").Append(question);
        return text.ToString();
    }

    /// <summary>What numbers may be quoted: the metrics and the findings' evidence.</summary>
    private static JsonObject Evidence(JsonObject metrics, JsonArray findings) => new()
    {
        ["metrics"] = metrics.DeepClone(),
        ["evidence"] = new JsonArray(findings.Select(f => f?["evidence"]?.DeepClone()).Where(e => e is not null).ToArray()),
    };

    /// <summary>Job ids carry digits that are no figures: they are taken out before the numbers are checked.</summary>
    private static string WithoutJobIds(string text, IReadOnlyList<JobReport> reports) =>
        reports.Aggregate(text, (t, r) => t.Replace(r.JobId, " ", StringComparison.OrdinalIgnoreCase));
}

/// <summary>An LLM's answer (null text: none usable), how its numbers fared (<c>passed</c>, <c>regenerated</c>; or why there is none), and the jobs it drew on.</summary>
public sealed record LlmReply(string? Text, string? Outcome, IReadOnlyList<string> References)
{
    public static LlmReply None(string why) => new(null, why, []);
}
