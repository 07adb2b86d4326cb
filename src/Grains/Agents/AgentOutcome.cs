using System.Text.Json.Nodes;
using Actors.Llm;

namespace Actors.Agents;

/// <summary>
/// How an agent step ended: answered by the LLM (<see cref="Engine"/> <c>llm</c>, the answer, the model)
/// or left to the statistical engine (<c>statistical</c>, with <see cref="FallbackReason"/>: no_provider,
/// breaker_open, budget_reached, ungrounded, provider_error, invalid_output); the tool calls made, the
/// tokens and cost of every call (paid for either way), and the last answer's problems.
/// </summary>
public sealed record AgentOutcome(
    string Step,
    string Agent,
    string Engine,
    AgentAnswer? Answer,
    string? Model,
    IReadOnlyList<ToolCallRecord> ToolCalls,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    string? FallbackReason,
    IReadOnlyList<string> Issues)
{
    public const string Llm = "llm";
    public const string Statistical = "statistical";

    public const string NoProvider = "no_provider";
    public const string BreakerOpen = "breaker_open";
    public const string BudgetReached = "budget_reached";
    public const string Ungrounded = "ungrounded";
    public const string ProviderError = "provider_error";
    public const string InvalidOutput = "invalid_output";

    /// <summary>The request switched the LLM off (<c>options.llm=false</c>): not asked, like the narrative.</summary>
    public const string Disabled = "disabled";

    /// <summary>The agent's definition could not be read (storage trouble): not asked.</summary>
    public const string AgentUnavailable = "agent_unavailable";

    /// <summary>A hierarchical team's manager did not ask this specialist: not asked.</summary>
    public const string NotPlanned = "not_planned";

    public static AgentOutcome From(AgentAssignment work, GroundedAnswer asked, AgentAnswer? accepted, IReadOnlyList<ToolCallRecord> calls)
    {
        var answered = asked.Text is not null && accepted is not null;
        return new AgentOutcome(work.Step, work.Agent.Name, answered ? Llm : Statistical, answered ? accepted : null,
            asked.Last?.Target.Label, calls,
            asked.Calls.Sum(c => c.InputTokens), asked.Calls.Sum(c => c.OutputTokens), asked.Calls.Sum(c => c.CostUsd),
            answered ? null : Why(asked), asked.Issues);
    }

    /// <summary>An agent step that did not ask (the LLM switched off for the job, or no agent to ask).</summary>
    public static AgentOutcome NotAsked(string step, string agent, string reason) =>
        new(step, agent, Statistical, null, null, [], 0, 0, 0m, reason, []);

    /// <summary>The tenant-LLM's reason in the provenance's words: every entry skipped for its breaker reads breaker_open.</summary>
    public static string Why(GroundedAnswer asked) => asked.Reason switch
    {
        LlmReasons.NoProvider => NoProvider,
        LlmReasons.BudgetReached => BudgetReached,
        LlmReasons.InventedNumbers => Ungrounded,
        LlmReasons.InvalidOutput => InvalidOutput,
        LlmReasons.AllProvidersFailed when asked.Tiers.Count > 0 && asked.Tiers.All(t => t.Outcome is "circuit_open" or "probe_in_flight") => BreakerOpen,
        _ => ProviderError,
    };

    /// <summary>What the step's checkpoint keeps: the provenance, the answer in the report's shapes, and the last answer's problems.</summary>
    public JsonObject ToJson()
    {
        var json = ToProvenance();
        json["input_tokens"] = InputTokens;
        json["output_tokens"] = OutputTokens;
        json["answer"] = Answer?.ToReportJson();
        json["answer_schema"] = Answer?.ToSchemaJson();
        json["issues"] = new JsonArray([.. Issues.Select(i => (JsonNode)i)]);
        return json;
    }

    /// <summary>An outcome read back from <see cref="ToJson"/> (a checkpoint): what a resumed job needs of a finished turn.</summary>
    public static AgentOutcome FromJson(JsonObject json) => new(
        json["step"]!.GetValue<string>(),
        json["agent"]!.GetValue<string>(),
        json["engine"]!.GetValue<string>(),
        json["answer_schema"] is JsonObject answer ? AgentAnswer.Read(answer.ToJsonString()).Answer : null,
        json["model"]?.GetValue<string>(),
        [.. (json["tool_calls"] as JsonArray ?? []).OfType<JsonObject>().Select(c =>
            new ToolCallRecord(c["name"]!.GetValue<string>(), c["arguments"] as JsonObject is { } a ? a.DeepClone().AsObject() : [], 0, false))],
        json["input_tokens"]?.GetValue<long>() ?? 0,
        json["output_tokens"]?.GetValue<long>() ?? 0,
        json["cost_usd"] is JsonValue cost ? cost.GetValue<decimal>() : 0m,
        json["fallback_reason"]?.GetValue<string>(),
        [.. (json["issues"] as JsonArray ?? []).Select(i => i!.GetValue<string>())]);

    /// <summary>The step's entry in <c>provenance.steps[]</c>.</summary>
    public JsonObject ToProvenance() => new()
    {
        ["step"] = Step,
        ["agent"] = Agent,
        ["engine"] = Engine,
        ["model"] = Model,
        ["tool_calls"] = new JsonArray([.. ToolCalls.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments.DeepClone() })]),
        ["tokens"] = InputTokens + OutputTokens,
        ["cost_usd"] = CostUsd,
        ["fallback_reason"] = FallbackReason,
    };
}
