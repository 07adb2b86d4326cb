namespace Actors.Agents;

/// <summary>
/// What a watcher sees of an agent at work: the step started, a tool called (its name and how many
/// characters it answered), the step answered (by which model, after how many tool calls), or it fell
/// back to the statistical engine (and why).
/// </summary>
public sealed record AgentEvent(string Kind, string Step, string Agent, string? Tool = null, int? ResultChars = null, string? Model = null,
    int? ToolCalls = null, string? FallbackReason = null)
{
    public const string StepStarted = "step_started";
    public const string ToolCalledKind = "tool_called";
    public const string AnsweredKind = "answered";
    public const string FellBackKind = "fell_back";

    /// <summary>The event as a job event's message: the kind first, then what happened.</summary>
    public string Describe() => Kind switch
    {
        StepStarted => $"{Kind}: {Agent} started {Step}",
        ToolCalledKind => $"{Kind}: {Agent} called {Tool} at {Step} ({ResultChars} characters back)",
        AnsweredKind => $"{Kind}: {Agent} answered {Step} with {Model} after {ToolCalls} tool call(s)",
        _ => $"{Kind}: {Agent} fell back to the statistical engine at {Step} ({FallbackReason})",
    };

    public static AgentEvent Started(string step, string agent) => new(StepStarted, step, agent);

    public static AgentEvent ToolCalled(string step, string agent, ToolCallRecord call) => new(ToolCalledKind, step, agent, call.Name, call.ResultChars);

    public static AgentEvent Answered(string step, string agent, string model, int toolCalls) => new(AnsweredKind, step, agent, Model: model, ToolCalls: toolCalls);

    public static AgentEvent FellBack(string step, string agent, string reason) => new(FellBackKind, step, agent, FallbackReason: reason);
}
