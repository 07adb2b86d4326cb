using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Teams;

namespace Actors.Agents;

/// <summary>
/// A team step that names a goal. The step's statistical tool answers first: it is the fallback, and
/// its numbers are what the agents may quote besides their own tool results. Then the step's agent
/// (its definition and the tenant's business context read from their grains) works the goal through
/// <see cref="AgentLoop"/>; under the consensus strategy each of the step's agents does, and
/// <see cref="AgentConsensus"/> reconciles their answers with a reviewer. The step's output is the
/// tool's, with the outcome under <see cref="OutputKey"/>, so later steps read what they always read and
/// the step's checkpoint keeps the answer, tool calls, tokens and cost. Each agent's turn (and the
/// reconciliation) goes through <see cref="AgentStepCall.Remember"/>, so a job resumed mid-step never
/// pays again for a turn that finished.
/// </summary>
public sealed class AgentSteps(AgentLoop loop, AgentConsensus consensus, IGrainFactory grains, ILogger<AgentSteps> logger)
{
    public const string OutputKey = TeamStep.AgentOutputKey;

    public async Task<JsonNode> RunAsync(AgentStepCall call, Func<CancellationToken, Task<JsonNode>> statistical, CancellationToken cancellationToken)
    {
        var output = await statistical(cancellationToken);
        if (!call.Step.IsAgentStep || output is not JsonObject answer)
        {
            return output;
        }
        var known = new JsonObject { [call.Step.Tool] = answer.DeepClone() };
        foreach (var (step, seen) in call.Inputs)
        {
            known[step] = seen.DeepClone();
        }
        var runners = call.Step.Runners.Count > 1 ? call.Step.Runners : [call.Runner];
        var turns = await Task.WhenAll(runners.Select(runner => TurnAsync(call, runner, known, cancellationToken)));
        answer[OutputKey] = turns.Length == 1 ? turns[0].ToJson() : await ReconcileAsync(call, turns, known, cancellationToken);
        return answer;
    }

    /// <summary>One agent's turn at the step, or what a resumed job remembers of it.</summary>
    private async Task<AgentOutcome> TurnAsync(AgentStepCall call, string runner, JsonObject known, CancellationToken cancellationToken)
    {
        if (!call.LlmEnabled)
        {
            return AgentOutcome.NotAsked(call.Step.Tool, runner, AgentOutcome.Disabled);
        }
        if (!call.Planned)
        {
            return AgentOutcome.NotAsked(call.Step.Tool, runner, AgentOutcome.NotPlanned);
        }
        var json = await call.RememberAsync($"{call.Step.Tool}/{runner}", async () =>
        {
            var assignment = await AssignmentAsync(call, runner, call.Step.Goal!, known);
            var outcome = assignment is null
                ? AgentOutcome.NotAsked(call.Step.Tool, runner, AgentOutcome.AgentUnavailable)
                : await loop.RunAsync(assignment, cancellationToken);
            return outcome.ToJson();
        });
        return AgentOutcome.FromJson(json);
    }

    /// <summary>
    /// Several agents answered: the reviewer (the step's review agent, else the quality reviewer) reconciles
    /// them when they disagree. The step's outcome is the kept answer with every turn's tool calls, tokens and
    /// cost, and under <c>consensus</c> how it was settled, the disagreement and each agent's own outcome.
    /// </summary>
    private async Task<JsonObject> ReconcileAsync(AgentStepCall call, IReadOnlyList<AgentOutcome> turns, JsonObject known, CancellationToken cancellationToken)
    {
        var reviewerName = call.Step.Review?.Agent ?? BuiltInAgentNames.QualityReviewer;
        var settled = await call.RememberAsync($"{call.Step.Tool}/{ConsensusKey}", async () =>
        {
            var reviewer = await AssignmentAsync(call, reviewerName, call.Step.Goal!, known);
            if (reviewer is null)
            {
                var answered = turns.Where(t => t.Answer is not null).ToList();
                return new ConsensusOutcome(answered.Count == 1 ? answered[0].Answer : null,
                    AgentDisagreement.Between([.. answered.Select(t => (t.Agent, t.Answer!))]), null,
                    answered.Count == 1 ? AgentConsensus.OnlyAnswer : AgentConsensus.NotReconciled).ToJson();
            }
            return (await consensus.ReconcileAsync(reviewer, turns, cancellationToken)).ToJson();
        });
        var outcome = ConsensusOutcome.FromJson(settled);
        var review = outcome.Review;
        var paid = review is null ? turns : [.. turns, review];
        var keptBy = outcome.How == AgentConsensus.Reconciled ? review : turns.FirstOrDefault(t => t.Answer is not null);
        var kept = new AgentOutcome(
            call.Step.Tool,
            outcome.Answer is null ? string.Join(",", turns.Select(t => t.Agent)) : keptBy!.Agent,
            outcome.Answer is null ? AgentOutcome.Statistical : AgentOutcome.Llm,
            outcome.Answer,
            keptBy?.Model ?? paid.LastOrDefault(t => t.Model is not null)?.Model,
            [.. paid.SelectMany(t => t.ToolCalls)],
            paid.Sum(t => t.InputTokens),
            paid.Sum(t => t.OutputTokens),
            paid.Sum(t => t.CostUsd),
            outcome.Answer is not null ? null : review?.FallbackReason ?? turns[0].FallbackReason,
            review?.Issues ?? []);
        var json = kept.ToJson();
        json[ConsensusKey] = new JsonObject
        {
            ["how"] = outcome.How,
            ["reviewer"] = review is null ? null : reviewerName,
            ["disagreement"] = new JsonArray([.. outcome.Disagreement.Select(d => (JsonNode)d)]),
            ["agents"] = new JsonArray([.. turns.Select(t => (JsonNode)t.ToProvenance())]),
        };
        return json;
    }

    public const string ConsensusKey = "consensus";

    /// <summary>An agent's assignment at the step: null when its definition cannot be read (logged), so the step answers statistically.</summary>
    private async Task<AgentAssignment?> AssignmentAsync(AgentStepCall call, string runner, string goal, JsonObject known)
    {
        var agent = await AgentBriefing.DefinitionAsync(grains, call.TenantId, runner, ex => Unread(ex, call, "agent"));
        if (agent is null)
        {
            return null;
        }
        var business = await AgentBriefing.BusinessContextAsync(grains, call.TenantId, ex => Unread(ex, call, "business context"));
        return new AgentAssignment(call.TenantId, call.JobId, call.AnalysisType, call.Step.Tool, agent,
            goal, call.Input.Question, call.Input, known, business, call.UseCache,
            call.QuietWhenNotAsked && call.Events is not null ? new QuietAgentEvents(call.Events).TellAsync : call.Events);
    }

    /// <summary>A read that fails (storage trouble) leaves the step to its statistical answer rather than failing the job.</summary>
    private void Unread(Exception ex, AgentStepCall call, string what) =>
        logger.LogWarning(ex, "Step {Step} of job {JobId} (tenant {TenantId}) could not read its {What}", call.Step.Tool, call.JobId, call.TenantId, what);
}

/// <summary>
/// One turn at an agent step: whose job, the step and the agent running it (under consensus, every agent
/// of the step), the job's input, what the step may see of earlier steps, the request's switches, whether a
/// hierarchical manager planned the step, who hears the agents' events, and where finished turns are kept.
/// </summary>
public sealed record AgentStepCall(
    string TenantId,
    string JobId,
    string AnalysisType,
    TeamStep Step,
    string Runner,
    AnalysisInput Input,
    IReadOnlyDictionary<string, JsonNode> Inputs,
    bool LlmEnabled = true,
    bool UseCache = false,
    Func<AgentEvent, Task>? Events = null,
    bool Planned = true,
    TurnMemory? Remember = null,
    bool QuietWhenNotAsked = false)
{
    /// <summary>The remembered result under <paramref name="key"/>, or <paramref name="work"/>'s, remembered.</summary>
    public Task<JsonObject> RememberAsync(string key, Func<Task<JsonObject>> work) => Remember is null ? work() : Remember(key, work);
}

/// <summary>Keeps a finished turn's result under a key (the job's checkpoints): a remembered key is answered without the work.</summary>
public delegate Task<JsonObject> TurnMemory(string key, Func<Task<JsonObject>> work);
