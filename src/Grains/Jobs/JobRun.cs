using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Llm;
using Actors.Numbers;
using Actors.Reports;
using Actors.Teams;

namespace Actors.Jobs;

/// <summary>
/// One attempt at a job's work, from its input to its report: loads the input (inline, or from the
/// job's <see cref="IAnalysisJobInput"/>), runs the team with a checkpoint per finished step (a
/// resumed attempt skips what is checkpointed), asks for the LLM narrative (also checkpointed) and
/// assembles the report. Awaited in the job's interleaving run loop: no grain call is held open
/// across a step or an LLM request, and status and cancel get through meanwhile.
/// </summary>
public sealed class JobRun(
    string tenantId,
    string jobId,
    JobJournal journal,
    AnalysisCatalog catalog,
    Narrator narrator,
    AgentSteps agentSteps,
    TeamLead teamLead,
    IGrainFactory grains,
    ILogger logger)
{
    /// <summary>The checkpoint of the LLM narrative, beside the team's steps, so a resumed job does not pay for it twice.</summary>
    private const string NarrativeCheckpoint = "_narrative";

    /// <summary>A hierarchical team's plan and merge, checkpointed beside the steps like the narrative.</summary>
    private const string PlanCheckpoint = "_plan";
    private const string MergeCheckpoint = "_merge";

    // The hierarchical manager's plan for this attempt (from its checkpoint on a resumed job).
    private JsonObject? _plan;

    // Parsing is deterministic and cheap next to a step, so it is redone on a new activation rather than stored.
    private AnalysisInput? _input;

    /// <summary>The job has ended: its parsed input is not needed again.</summary>
    public void ForgetInput() => _input = null;

    public async Task<JsonObject> RunAsync(CancellationToken cancellationToken)
    {
        var request = journal.Committed.Request!;
        if (!catalog.TryGet(request.Type, out var analysis))
        {
            throw new DataFormatException($"This node cannot run analysis type '{request.Type}'.");
        }
        var input = await LoadInputAsync(request, cancellationToken);
        var team = request.TeamJson is { } json ? TeamTemplate.Parse(json) : TeamLibrary.For(request.Type) ?? TeamTemplate.InSequence(analysis);
        var run = new TeamRun(team, analysis, input, (call, ct) => ExecuteStepAsync(request, call, ct));
        var led = team.Strategy == TeamTemplate.Hierarchical && team.Steps.Any(s => s.IsAgentStep);
        var manager = led ? await ManagerAsync(request, team, input) : null;
        _plan = manager is null ? null : await RememberAsync(PlanCheckpoint, () => teamLead.PlanAsync(manager, cancellationToken));
        var (body, records) = await run.RunAsync(journal.Current.Checkpoints, done => CheckpointAsync(run, done, cancellationToken), cancellationToken);
        var agents = AgentOutcomes(run);
        JsonObject? teamwork = null;
        if (manager is not null)
        {
            var known = new JsonObject { ["report"] = body.DeepClone() };
            var merge = await RememberAsync(MergeCheckpoint, () => teamLead.MergeAsync(manager, [.. agents.Values.Select(AgentOutcome.FromJson)], known,
                manager.BusinessContext, TellAsync, cancellationToken));
            teamwork = new JsonObject { [ReportAssembler.TeamPlan] = _plan!.DeepClone(), [ReportAssembler.TeamMerge] = merge.DeepClone() };
        }
        var narrative = await NarrateAsync(request, run, body, cancellationToken);
        return ReportAssembler.Assemble(new ReportAssembler.Parts(jobId, request.Type, team, body, records, narrative, journal.Current.Attempts, agents, teamwork,
            Approvals(run)));
    }

    /// <summary>What a hierarchical team's manager works with; its definition from its grain (the built-in one if unreadable).</summary>
    private async Task<TeamWork> ManagerAsync(AnalysisRequest request, TeamTemplate team, AnalysisInput input)
    {
        var name = team.Manager ?? BuiltInAgentNames.BusinessAnalyst;
        var definition = await AgentBriefing.DefinitionAsync(grains, tenantId, name, ex => logger.LogWarning(ex,
                "Job {JobId} of tenant {TenantId} could not read its manager {Agent}; the built-in definition plans", jobId, tenantId, name))
            ?? AgentBriefing.BuiltIn(name);
        var business = await AgentBriefing.BusinessContextAsync(grains, tenantId, ex => logger.LogWarning(ex,
            "Job {JobId} of tenant {TenantId} could not read its business context; the manager works without it", jobId, tenantId));
        return new TeamWork(tenantId, jobId, request.Type, team, definition, input, request.Question, business,
            AgentsEnabled(request), !IsOff(request, "llm_cache"));
    }

    /// <summary>
    /// A finished piece of agent work kept under <paramref name="key"/> in the job's checkpoints, written at
    /// once (it was paid for): a resumed job reads it back instead of asking again.
    /// </summary>
    private async Task<JsonObject> RememberAsync(string key, Func<Task<JsonObject>> work)
    {
        if (journal.Current.Checkpoints.TryGetValue(key, out var saved))
        {
            return JsonNode.Parse(saved)!.AsObject();
        }
        var json = await work();
        if (!Paid(json))
        {
            // Nothing was asked of a provider: redone as cheaply on a resumed job, so worth no write or event.
            return json;
        }
        await journal.CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Checkpoints = s.Checkpoints.SetItem(key, json.ToJsonString()) },
            JobEventKind.Step,
            $"kept {key}");
        return json;
    }

    /// <summary>Agent work that cost tokens (its own, or its reviewer's).</summary>
    private static bool Paid(JsonNode? work) => work is JsonObject json
        && (json["input_tokens"].TryGetNumber(out var input) && input > 0 || json["output_tokens"].TryGetNumber(out var output) && output > 0 || Paid(json["review"]));

    /// <summary>Agents are asked unless the request turned the LLM or the agents off (<c>options.llm=false</c>, <c>options.agents=false</c>).</summary>
    private static bool AgentsEnabled(AnalysisRequest request) => !IsOff(request, "llm") && !IsOff(request, "agents");

    /// <summary>Worth another attempt: the same work may succeed later.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is TransientAnalysisException or TimeoutException or HttpRequestException;

    /// <summary>The job's error for a failed attempt; unexpected failures say no more than that (the log has them with the job id).</summary>
    public static JobError ErrorOf(Exception ex) => ex switch
    {
        DataFormatException => new JobError("invalid_data", ex.Message),
        TeamDefinitionException => new JobError("invalid_team", ex.Message),
        TransientAnalysisException => new JobError("attempts_exhausted", $"Failed after retries: {ex.Message}"),
        _ => new JobError("analysis_failed", "The analysis failed unexpectedly; the error is logged with the job id."),
    };

    private async Task<AnalysisInput> LoadInputAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        if (_input is not null)
        {
            return _input;
        }
        var (recordsJson, csv) = (request.RecordsJson, request.Csv);
        if (journal.Current.InputStoredApart)
        {
            (recordsJson, csv) = await grains.GetGrain<IAnalysisJobInput>(JobKey.For(tenantId, jobId)).Get();
        }
        return _input = await Task.Run(() => AnalysisCatalog.ReadInput(request.Type, recordsJson, csv, request.Question, request.Options), cancellationToken)
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// One runner's answer to one team step: the step's statistical tool, and for a step that names a
    /// goal the agent's work on top of it (<see cref="AgentSteps"/>), its events committed as <c>agent</c>
    /// job events (replayed like every event). An approval step reaches here only undecided (a decision is
    /// written as its checkpoint), and its gate stops the run with <see cref="ApprovalRequiredException"/>. What it returns is checkpointed by <see cref="CheckpointAsync"/>
    /// once the step is done, so a resumed job never repays a finished step's LLM calls.
    /// </summary>
    private Task<JsonNode> ExecuteStepAsync(AnalysisRequest request, StepCall call, CancellationToken cancellationToken)
    {
        if (!call.Step.IsAgentStep)
        {
            return TeamRun.RunToolAsync(call, cancellationToken);
        }
        var agentCall = new AgentStepCall(tenantId, jobId, request.Type, call.Step, call.Runner, call.Input, call.Inputs,
            LlmEnabled: AgentsEnabled(request), UseCache: !IsOff(request, "llm_cache"), Events: TellAsync,
            Planned: _plan is null || TeamLead.Asked(_plan).Contains(call.Step.Tool), Remember: RememberAsync,
            // A shipped team with no provider to ask reads as it always did: no agent events.
            QuietWhenNotAsked: request.TeamJson is null);
        return agentSteps.RunAsync(agentCall, ct => TeamRun.RunToolAsync(call, ct), cancellationToken);
    }

    /// <summary>An agent's progress as a job event: staged with the job's next write, so a chatty agent costs no write per event.</summary>
    private async Task TellAsync(AgentEvent agentEvent) =>
        await journal.CommitAsync(s => s.Status != JobStatus.Running ? null : s, JobEventKind.Agent, agentEvent.Describe(), JobWrite.Soon);

    /// <summary>The agent steps' outcomes, from their checkpoints (a resumed job's earlier steps included).</summary>
    private Dictionary<string, JsonObject> AgentOutcomes(TeamRun run)
    {
        var outcomes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var step in run.Plan.Where(s => s.IsAgentStep))
        {
            if (journal.Current.Checkpoints.TryGetValue(step.Tool, out var json)
                && (TeamStepDone.FromCheckpoint(json).Output as JsonObject)?[AgentSteps.OutputKey] is JsonObject outcome)
            {
                outcomes[step.Tool] = outcome;
            }
        }
        return outcomes;
    }

    /// <summary>The approval steps' decisions, from their checkpoints (written when each was decided).</summary>
    private Dictionary<string, ApprovalDecision> Approvals(TeamRun run)
    {
        var decisions = new Dictionary<string, ApprovalDecision>(StringComparer.Ordinal);
        foreach (var step in run.Plan.Where(s => s.IsApproval))
        {
            if (journal.Current.Checkpoints.TryGetValue(step.Tool, out var json) && TeamStepDone.FromCheckpoint(json).Output is JsonObject decision)
            {
                decisions[step.Tool] = ApprovalDecision.FromJson(decision);
            }
        }
        return decisions;
    }

    /// <summary>Checkpoints a finished step with the job's progress, then reports the agents' run (one-way).</summary>
    private async Task CheckpointAsync(TeamRun run, TeamStepDone done, CancellationToken cancellationToken)
    {
        var tool = done.Record.Tool;
        var checkpoint = done.CheckpointJson;
        var total = run.Plan.Count;
        var next = run.Plan.FirstOrDefault(s => !journal.Current.Checkpoints.ContainsKey(s.Tool) && s.Tool != tool)?.Tool ?? tool;
        var message = done.Record switch
        {
            { Skipped: true } => $"skipped {tool}: its condition did not hold",
            { ReviewRounds: > 0 } r => $"finished {tool} after {r.ReviewRounds} review round(s)",
            _ => $"finished {tool}",
        };
        await journal.CommitAsync(
            s => s.Status != JobStatus.Running
                ? null
                : s with
                {
                    Checkpoints = s.Checkpoints.SetItem(tool, checkpoint),
                    // Only the team's steps count: agent turns, the plan and the narrative are kept beside them.
                    Progress = (int)Math.Round(95.0 * (s.Checkpoints.Keys.Count(k => k != tool && run.Plan.Any(p => p.Tool == k)) + 1) / total),
                    CurrentStep = next,
                },
            JobEventKind.Step,
            message,
            // An agent step's checkpoint holds paid work: written at once, so a silo death never repays it.
            Paid((done.Output as JsonObject)?[AgentSteps.OutputKey]) ? JobWrite.Now : JobWrite.Checkpoint);
        ReportAgentRuns(done.Record);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Asks the tenant's LLM chain for the summary (the statistical one stays when no provider answers
    /// with grounded numbers) and checkpoints the outcome.
    /// </summary>
    private async Task<JsonObject> NarrateAsync(AnalysisRequest request, TeamRun run, JsonObject report, CancellationToken cancellationToken)
    {
        if (journal.Current.Checkpoints.TryGetValue(NarrativeCheckpoint, out var saved))
        {
            return JsonNode.Parse(saved)!.AsObject();
        }
        var final = run.Plan[^1];
        var agentName = final.Runners.FirstOrDefault() ?? BuiltInAgentNames.ReportWriter;
        var outcome = await narrator.WriteAsync(new NarrativeRequest(tenantId, jobId, request.Type, request.Question, agentName, await AgentAsync(agentName),
            final.Tool, report, Enabled: !IsOff(request, "llm"), UseCache: !IsOff(request, "llm_cache")), cancellationToken);
        var json = outcome.ToJson();
        json["agent"] = agentName;
        if (outcome.Tiers.Count == 0 && outcome.Calls.Count == 0)
        {
            // Nothing was asked of a provider (none configured, disabled, budget spent): nothing worth a checkpoint or an event.
            return json;
        }
        var message = outcome.Summary is not null
            ? $"narrative by {outcome.Engine} ({outcome.Grounding})"
            : $"narrative by the statistical engine ({outcome.Reason})";
        await journal.CommitAsync(
            s => s.Status != JobStatus.Running ? null : s with { Checkpoints = s.Checkpoints.SetItem(NarrativeCheckpoint, json.ToJsonString()) },
            JobEventKind.Step,
            message);
        if (outcome.Calls.Count > 0)
        {
            _ = Agent(agentName).RecordRun(new AgentRun(outcome.Summary is not null, 0, outcome.InputTokens, outcome.OutputTokens, outcome.CostUsd));
        }
        cancellationToken.ThrowIfCancellationRequested();
        return json;
    }

    private Task<AgentDefinition?> AgentAsync(string agentName) =>
        AgentBriefing.DefinitionAsync(grains, tenantId, agentName, ex => logger.LogWarning(ex,
            "Job {JobId} of tenant {TenantId} could not read agent {Agent}; the narrative uses default instructions", jobId, tenantId, agentName));

    private static bool IsOff(AnalysisRequest request, string option) =>
        request.Options.TryGetValue(option, out var value) && value.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>One-way usage reports: agents count runs without being on the job's path.</summary>
    private void ReportAgentRuns(TeamStepRecord record)
    {
        if (record.Skipped)
        {
            return;
        }
        var share = record.LatencyMs / Math.Max(1, record.Agents.Count);
        foreach (var agent in record.Agents.Append(record.Reviewer).OfType<string>().Distinct())
        {
            _ = Agent(agent).RecordRun(new AgentRun(true, share, 0, 0, 0m));
        }
    }

    private IAgent Agent(string name) => grains.GetGrain<IAgent>(JobKey.For(tenantId, name));
}
