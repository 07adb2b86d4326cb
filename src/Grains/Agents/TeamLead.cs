using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Llm;
using Actors.Teams;
using Microsoft.Extensions.AI;

namespace Actors.Agents;

/// <summary>
/// The manager of a hierarchical team. Before the team works, it reads the question, the data's profile
/// and the team's specialists (its agent steps) and plans which to ask (<see cref="PlanAsync"/>); a
/// specialist left out runs its statistical tool only. After the team, it merges the specialists' answers
/// into one team answer (<see cref="MergeAsync"/>), grounded like any agent's. Without an LLM (none, down,
/// budget spent, or a plan that breaks its schema twice) the plan asks every specialist and the merge keeps
/// the single answer there is, or none.
/// </summary>
public sealed class TeamLead(TenantLlm llm, AgentLoop loop, ILogger<TeamLead> logger)
{
    public const string PlanStep = "plan";
    public const string MergeStep = "merge";

    public const string Merged = "merged";

    private const int MaxProfileChars = 4_000;

    /// <summary>The plan: the specialists' steps to ask, each with the manager's reason, and what asking cost (as an agent outcome's JSON, under <c>asked</c> and <c>why</c>).</summary>
    public async Task<JsonObject> PlanAsync(TeamWork work, CancellationToken cancellationToken)
    {
        var specialists = work.Team.Steps.Where(s => s.IsAgentStep).ToList();
        var names = specialists.Select(s => s.Tool).ToList();
        Dictionary<string, string>? plan = null;
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, PlanSystemPrompt(work)),
            new(ChatRole.User, PlanUserPrompt(work, specialists, cancellationToken)),
        };
        var options = new ChatOptions
        {
            Temperature = 0f,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(PlanSchema(names)), "team_plan", "The specialists to ask, each with why."),
        };
        AnswerVerdict Judge(string text)
        {
            var (read, problems) = ReadPlan(text, names);
            plan = read;
            return read is null ? AnswerVerdict.Invalid(problems) : AnswerVerdict.Accepted;
        }
        var caller = new LlmCaller(work.TenantId, work.JobId, work.AnalysisType, work.Manager.Name, PlanStep);
        var asked = work.LlmEnabled
            ? await llm.AskGroundedAsync(new LlmQuestion(caller, messages, options, null, work.Manager.ModelPreference, work.UseCache), Judge, cancellationToken)
            : GroundedAnswer.Refused(LlmReasons.NoProvider, [], [], []);
        var kept = asked.Text is not null ? plan : null;
        var outcome = new AgentOutcome(PlanStep, work.Manager.Name, kept is null ? AgentOutcome.Statistical : AgentOutcome.Llm, null, asked.Last?.Target.Label, [],
            asked.Calls.Sum(c => c.InputTokens), asked.Calls.Sum(c => c.OutputTokens), asked.Calls.Sum(c => c.CostUsd),
            kept is not null ? null : work.LlmEnabled ? AgentOutcome.Why(asked) : AgentOutcome.Disabled, asked.Issues);
        if (kept is null)
        {
            logger.LogInformation("Manager {Agent} of job {JobId} (tenant {TenantId}) asks every specialist: {FallbackReason}",
                work.Manager.Name, work.JobId, work.TenantId, outcome.FallbackReason);
        }
        var json = outcome.ToJson();
        var chosen = kept ?? names.ToDictionary(n => n, _ => "the template's plan (no plan from the LLM)", StringComparer.Ordinal);
        json["asked"] = new JsonArray([.. names.Where(chosen.ContainsKey).Select(n => (JsonNode)n)]);
        json["why"] = new JsonObject([.. names.Where(chosen.ContainsKey).Select(n => KeyValuePair.Create(n, (JsonNode?)chosen[n]))]);
        return json;
    }

    /// <summary>The specialists' steps a plan (from <see cref="PlanAsync"/>) asks.</summary>
    public static IReadOnlySet<string> Asked(JsonObject plan) =>
        (plan["asked"] as JsonArray ?? []).Select(a => a!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// One team answer from the specialists' answers: with two or more, the manager merges them (an agent
    /// turn, grounded in the job's numbers and their evidence); with one it stands; with none there is none.
    /// The agent outcome's JSON, with <c>how</c> and <c>from</c> (the agents merged).
    /// </summary>
    public async Task<JsonObject> MergeAsync(TeamWork work, IReadOnlyList<AgentOutcome> answers, JsonObject known, string? businessContext,
        Func<AgentEvent, Task>? events, CancellationToken cancellationToken)
    {
        var answered = answers.Where(a => a.Answer is not null).ToList();
        AgentOutcome outcome;
        string how;
        switch (answered.Count)
        {
            case 0:
                outcome = AgentOutcome.NotAsked(MergeStep, work.Manager.Name, AgentConsensus.NoneAnswered);
                how = AgentConsensus.NoneAnswered;
                break;
            case 1:
                outcome = answered[0] with { Step = MergeStep, ToolCalls = [], InputTokens = 0, OutputTokens = 0, CostUsd = 0m };
                how = AgentConsensus.OnlyAnswer;
                break;
            default:
                var shown = new JsonArray([.. answered.Select(a => (JsonNode)new JsonObject { ["step"] = a.Step, ["agent"] = a.Agent, ["answer"] = a.Answer!.ToReportJson() })]);
                var goal = $"""
                    Merge your specialists' answers into the team's one answer{(string.IsNullOrWhiteSpace(work.Question) ? "" : $" to the question: {work.Question}")}.
                    Keep what the data supports, say which specialist found what, and order the recommendations by impact. Their answers:
                    {shown.ToJsonString()}
                    """;
                var assignment = new AgentAssignment(work.TenantId, work.JobId, work.AnalysisType, MergeStep, work.Manager, goal, work.Question, work.Input,
                    new JsonObject { ["answers"] = shown.DeepClone(), ["known"] = known.DeepClone() }, businessContext, work.UseCache, events);
                outcome = work.LlmEnabled ? await loop.RunAsync(assignment, cancellationToken) : AgentOutcome.NotAsked(MergeStep, work.Manager.Name, AgentOutcome.Disabled);
                how = outcome.Answer is null ? AgentConsensus.NotReconciled : Merged;
                break;
        }
        var json = outcome.ToJson();
        json["how"] = how;
        json["from"] = new JsonArray([.. answered.Select(a => (JsonNode)a.Agent)]);
        return json;
    }

    private static string PlanSystemPrompt(TeamWork work)
    {
        var text = new StringBuilder();
        text.Append("You are the ").Append(work.Manager.Role).Append(" managing a data-analysis team. ").Append(work.Manager.Goal).Append('\n');
        text.AppendBusiness(work.BusinessContext);
        text.Append("""

            Plan the team's work: read the question and the data's profile, and choose which of your specialists to ask.
            Ask only those whose work helps answer; give each a short reason. The statistical tools run either way.
            Answer with one JSON object matching this schema and nothing else:
            """).Append('\n').Append(PlanSchema(work.Team.Steps.Where(s => s.IsAgentStep).Select(s => s.Tool).ToList()).ToJsonString());
        return text.ToString();
    }

    private static string PlanUserPrompt(TeamWork work, IReadOnlyList<TeamStep> specialists, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(work.Question))
        {
            text.Append("Question: ").Append(work.Question).Append('\n');
        }
        text.Append("Analysis: ").Append(work.AnalysisType).Append('\n');
        var profile = new AnalyticsTools(work.Input).Profile(cancellationToken).ToJsonString();
        text.Append("The data's profile: ").Append(profile.Length > MaxProfileChars ? profile[..MaxProfileChars] + " (cut)" : profile).Append('\n');
        text.Append("Your specialists (step: agent, goal):\n");
        foreach (var step in specialists)
        {
            text.Append("- ").Append(step.Tool).Append(": ").AppendJoin(", ", step.Runners).Append(" — ").Append(step.Goal).Append('\n');
        }
        return text.ToString();
    }

    private static JsonObject PlanSchema(IReadOnlyList<string> steps) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = new JsonArray("ask"),
        ["properties"] = new JsonObject
        {
            ["ask"] = new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 1,
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("step", "why"),
                    ["properties"] = new JsonObject
                    {
                        ["step"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. steps.Select(s => (JsonNode)s)]) },
                        ["why"] = new JsonObject { ["type"] = "string", ["maxLength"] = 500 },
                    },
                },
            },
        },
    };

    /// <summary>A plan names at least one specialist, each a step of the team's; the problems name what is wrong.</summary>
    public static (Dictionary<string, string>? Plan, IReadOnlyList<string> Problems) ReadPlan(string text, IReadOnlyList<string> steps)
    {
        JsonObject root;
        try
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                trimmed = trimmed.Trim('`').Trim();
                trimmed = trimmed.StartsWith("json", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed;
            }
            root = JsonNode.Parse(trimmed) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return (null, ["The plan is not a JSON object."]);
        }
        var problems = new List<string>();
        var plan = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["ask"] is not JsonArray { Count: > 0 } ask)
        {
            return (null, ["ask: name at least one specialist's step."]);
        }
        foreach (var (item, i) in ask.Select((a, i) => (a, i)))
        {
            var step = (item as JsonObject)?["step"] is JsonValue s && s.TryGetValue<string>(out var name) ? name : null;
            if (step is null || !steps.Contains(step))
            {
                problems.Add($"ask[{i}].step: one of {string.Join(", ", steps)}.");
                continue;
            }
            plan[step] = (item as JsonObject)?["why"] is JsonValue w && w.TryGetValue<string>(out var why) ? why : "";
        }
        return problems.Count > 0 ? (null, problems) : (plan, []);
    }
}

/// <summary>What a hierarchical team's manager works on: whose job, the team, the manager's definition, the input and question, the business context and the request's switches.</summary>
public sealed record TeamWork(
    string TenantId,
    string JobId,
    string AnalysisType,
    TeamTemplate Team,
    AgentDefinition Manager,
    AnalysisInput Input,
    string? Question,
    string? BusinessContext,
    bool LlmEnabled,
    bool UseCache);
