using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Teams;

/// <summary>
/// A declarative team: which agent runs which tool (an analysis step) after which others, under
/// which strategy. Shipped per analysis type under <c>Teams/Templates</c>; tenants may register their own.
/// </summary>
public sealed record TeamTemplate(
    string Name,
    string AnalysisType,
    string Strategy,
    IReadOnlyList<TeamStep> Steps,
    string? Manager = null,
    string? Description = null)
{
    public const string Sequential = "sequential";
    public const string Parallel = "parallel";
    public const string Hierarchical = "hierarchical";
    public const string Consensus = "consensus";

    public static readonly IReadOnlyList<string> Strategies = [Sequential, Parallel, Hierarchical, Consensus];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>Parses template JSON; throws <see cref="TeamDefinitionException"/> with what is wrong.</summary>
    public static TeamTemplate Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TeamTemplate>(json, Json)
                ?? throw new TeamDefinitionException(["The template is null."]);
        }
        catch (JsonException ex)
        {
            throw new TeamDefinitionException([$"The template is not valid: {ex.Message}"]);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>For an analysis type with no shipped team: its steps in order, each after all before it.</summary>
    public static TeamTemplate InSequence(Analyses.IAnalysis analysis) => new(
        analysis.Type,
        analysis.Type,
        Sequential,
        analysis.Steps.Select((step, i) => new TeamStep(step.Name, Agents.BuiltInAgentNames.DataInterpreter,
            DependsOn: analysis.Steps.Take(i).Select(s => s.Name).ToList())).ToList());
}

/// <summary>
/// One step of a team: a <paramref name="Tool"/> (a step of the analysis type, at most once per
/// team) run by <paramref name="Agent"/>, or under the consensus strategy by several
/// <paramref name="Agents"/> whose answers are merged. <paramref name="When"/> skips the step
/// unless a condition on an earlier output holds (<c>roles.case_field exists</c>,
/// <c>profile.rows &gt; 10</c>); <paramref name="Review"/> puts a quality gate after it. With a
/// <paramref name="Goal"/> the step is an agent step: the agent works the goal with the tenant's LLM
/// and the analytics as tools, and the step's tool is its statistical answer and fallback. Of
/// <paramref name="Kind"/> <c>approval</c> the step is a person's decision, not a tool:
/// <paramref name="Tool"/> names it, the job waits in <c>awaiting_approval</c> with
/// <paramref name="Message"/> until someone approves or rejects, or <paramref name="Timeout"/> passes
/// and <paramref name="OnTimeout"/> decides.
/// </summary>
public sealed record TeamStep(
    string Tool,
    string? Agent = null,
    IReadOnlyList<string>? Agents = null,
    string? Task = null,
    IReadOnlyList<string>? DependsOn = null,
    string? When = null,
    StepReview? Review = null,
    string? Goal = null,
    string? Kind = null,
    string? Message = null,
    TimeSpan? Timeout = null,
    string? OnTimeout = null)
{
    public const int MaxGoalChars = 1_000;
    public const int MaxMessageChars = 1_000;

    /// <summary>The <see cref="Kind"/> of a step that waits for a person's approval.</summary>
    public const string ApprovalKind = "approval";

    /// <summary>A step that waits for a person's decision instead of running a tool.</summary>
    [JsonIgnore]
    public bool IsApproval => Kind == ApprovalKind;

    /// <summary>Where an agent step's output carries the agent's outcome, beside the tool's own keys.</summary>
    public const string AgentOutputKey = "agent";

    /// <summary>An agent step: an LLM works <see cref="Goal"/> before the tool's answer is final.</summary>
    [JsonIgnore]
    public bool IsAgentStep => !string.IsNullOrWhiteSpace(Goal);

    [JsonIgnore]
    public IReadOnlyList<string> Dependencies => DependsOn ?? [];

    /// <summary>The agents that run the step: one, or several under consensus.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Runners => Agents is { Count: > 0 } ? Agents : Agent is null ? [] : [Agent];
}

/// <summary>A quality gate: <paramref name="Agent"/> reviews the step's output and may send it back up to <paramref name="MaxRounds"/> times.</summary>
public sealed record StepReview(string Agent, int MaxRounds = 1);

/// <summary>A team template that cannot run; <see cref="Problems"/> says each thing wrong.</summary>
public sealed class TeamDefinitionException(IReadOnlyList<string> problems)
    : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
