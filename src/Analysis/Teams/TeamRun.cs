using System.Diagnostics;
using System.Text.Json.Nodes;
using Actors.Analyses;

namespace Actors.Teams;

/// <summary>
/// Runs a team over one analysis input. Steps already checkpointed are not run again. Strategies:
/// <list type="bullet">
/// <item><c>sequential</c>: one step at a time, in dependency order;</item>
/// <item><c>parallel</c>: every step whose dependencies are done runs at once;</item>
/// <item><c>hierarchical</c>: the manager's plan is the dependency order (conditions decide what runs),
/// and the manager reviews the final report, sending it back once if the quality gate objects;</item>
/// <item><c>consensus</c>: steps with several agents run once per agent and the answers are merged
/// (<see cref="ConsensusMerge"/>); an agent step (one with a goal) is handed to <c>execute</c> once, which
/// runs its agents and reconciles their answers itself.</item>
/// </list>
/// An <c>approval</c> step is answered by <c>execute</c> with the decision; the statistical default
/// throws <see cref="ApprovalRequiredException"/>, which stops the run there.
/// A step with a review gate is run again with the reviewer's feedback, up to its max rounds; if
/// issues remain the run goes on and the issues are kept in the step's record. Each finished step is
/// handed to <c>committed</c> before anything depending on it starts. Each runner's answer comes
/// from <c>execute</c> (by default the step's statistical tool, <see cref="RunToolAsync"/>).
/// </summary>
public sealed class TeamRun(TeamTemplate team, IAnalysis analysis, AnalysisInput input, StepExecutor? execute = null)
{
    private readonly StepExecutor _execute = execute ?? RunToolAsync;

    private readonly Dictionary<string, IAnalysisStep> _tools = analysis.Steps.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private readonly string _final = analysis.Steps[^1].Name;

    public IReadOnlyList<TeamStep> Plan { get; } = TeamValidator.Order(team);

    public async Task<(JsonObject Report, IReadOnlyList<TeamStepRecord> Records)> RunAsync(
        IReadOnlyDictionary<string, string> checkpoints,
        Func<TeamStepDone, Task> committed,
        CancellationToken cancellationToken)
    {
        var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var records = new Dictionary<string, TeamStepRecord>(StringComparer.Ordinal);
        foreach (var (tool, json) in checkpoints)
        {
            if (!Plan.Any(s => s.Tool == tool))
            {
                // Not a team step (the job's narrative checkpoint lives beside them).
                continue;
            }
            var done = TeamStepDone.FromCheckpoint(json);
            Remember(done);
        }

        var pending = Plan.Where(s => !records.ContainsKey(s.Tool)).ToList();
        if (team.Strategy == TeamTemplate.Parallel)
        {
            var running = new Dictionary<Task<TeamStepDone>, TeamStep>();
            while (pending.Count > 0 || running.Count > 0)
            {
                foreach (var ready in pending.Where(s => s.Dependencies.All(records.ContainsKey)).ToList())
                {
                    pending.Remove(ready);
                    running.Add(ExecuteAsync(ready, outputs, cancellationToken), ready);
                }
                var finished = await Task.WhenAny(running.Keys);
                running.Remove(finished);
                var done = await finished;
                Remember(done);
                await committed(done);
            }
        }
        else
        {
            foreach (var step in pending)
            {
                var done = await ExecuteAsync(step, outputs, cancellationToken);
                Remember(done);
                await committed(done);
            }
        }

        if (!outputs.TryGetValue(_final, out var final) || final is not JsonObject report)
        {
            throw new TeamDefinitionException([$"the team's '{_final}' step produced no report (was it skipped?)."]);
        }
        return (report, Plan.Select(s => records[s.Tool]).ToList());

        void Remember(TeamStepDone done)
        {
            records[done.Record.Tool] = done.Record;
            if (done.Output is not null)
            {
                outputs[done.Record.Tool] = done.Output;
            }
        }
    }

    /// <summary>The step's statistical tool answers (off the caller's thread unless the tool is asynchronous).</summary>
    public static Task<JsonNode> RunToolAsync(StepCall call, CancellationToken cancellationToken) =>
        call.Tool is IAsyncAnalysisStep waiting
            ? waiting.RunAsync(call.Input, call.Inputs, cancellationToken)
            : Task.Run(() => call.Tool.Run(call.Input, call.Inputs, cancellationToken), cancellationToken).WaitAsync(cancellationToken);

    private async Task<TeamStepDone> ExecuteAsync(TeamStep step, IReadOnlyDictionary<string, JsonNode> outputs, CancellationToken cancellationToken)
    {
        var upstream = TeamValidator.Upstream(team, step);
        var visible = outputs.Where(o => upstream.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        if (step.When is not null && !StepCondition.Parse(step.When).Holds(visible))
        {
            return new TeamStepDone(new TeamStepRecord(step.Tool, step.Runners, Skipped: true, 0, [], null, null, 0), null);
        }
        if (step.IsApproval)
        {
            // A person's decision, answered by the runner (the job) once made; no agent, no review.
            var decision = await _execute(new StepCall(step, "", new ApprovalGate(step), input, new StepInputs(step.Tool, visible, upstream)), cancellationToken);
            return new TeamStepDone(ApprovalDecision.StepRecord(step.Tool), decision);
        }

        var tool = _tools[step.Tool];
        var review = step.Review ?? (team.Strategy == TeamTemplate.Hierarchical && step.Tool == _final
            ? new StepReview(team.Manager ?? Agents.BuiltInAgentNames.BusinessAnalyst, 1)
            : null);
        var clock = Stopwatch.StartNew();
        JsonNode output;
        string? merge = null;
        var rounds = 0;
        IReadOnlyList<string> issues = [];
        IReadOnlyList<string>? feedback = null;
        while (true)
        {
            var inputs = new Dictionary<string, JsonNode>(visible, StringComparer.Ordinal);
            if (feedback is not null)
            {
                inputs[StepInputs.FeedbackKey] = new JsonArray(feedback.Select(f => (JsonNode)f).ToArray());
            }
            var previous = new StepInputs(step.Tool, inputs, upstream);
            // An agent step's executor runs every agent itself (and reconciles them), so it is called once; the
            // other runners' statistical answers are merged with its own as for any consensus step.
            var answers = await Task.WhenAll(step.Runners.Select((runner, i) => i > 0 && step.IsAgentStep
                ? RunToolAsync(new StepCall(step, runner, tool, input, previous), cancellationToken)
                : _execute(new StepCall(step, runner, tool, input, previous), cancellationToken)));
            var agents = (answers[0] as JsonObject)?[TeamStep.AgentOutputKey];
            if (agents is not null && answers.Length > 1)
            {
                answers[0].AsObject().Remove(TeamStep.AgentOutputKey);
            }
            (output, merge) = answers.Length > 1 ? ConsensusMerge.Merge(answers) : (answers[0], null);
            if (agents is not null && answers.Length > 1 && output is JsonObject merged)
            {
                merged[TeamStep.AgentOutputKey] = agents;
            }

            if (review is null)
            {
                break;
            }
            var verdict = QualityReview.Review(output);
            issues = verdict.Issues;
            if (verdict.Approved || rounds == review.MaxRounds)
            {
                break;
            }
            rounds++;
            feedback = verdict.Issues;
        }
        var record = new TeamStepRecord(step.Tool, step.Runners, Skipped: false, rounds, issues, merge, review?.Agent, clock.Elapsed.TotalMilliseconds);
        return new TeamStepDone(record, output);
    }
}
