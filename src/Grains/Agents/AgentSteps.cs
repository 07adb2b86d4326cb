using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Teams;

namespace Actors.Agents;

/// <summary>
/// One runner's turn at a team step that names a goal. The step's statistical tool answers first: it
/// is the fallback, and its numbers are what the agent may quote besides its own tool results. Then
/// the agent (its definition and the tenant's business context read from their grains) works the goal
/// through <see cref="AgentLoop"/>. The step's output is the tool's, with the agent's outcome under
/// <see cref="OutputKey"/>, so later steps read what they always read and the checkpoint of the step
/// keeps the agent's answer, tool calls, tokens and cost: a resumed job never pays for it again.
/// </summary>
public sealed class AgentSteps(AgentLoop loop, IGrainFactory grains, ILogger<AgentSteps> logger)
{
    public const string OutputKey = TeamStep.AgentOutputKey;

    public async Task<JsonNode> RunAsync(AgentStepCall call, Func<CancellationToken, Task<JsonNode>> statistical, CancellationToken cancellationToken)
    {
        var output = await statistical(cancellationToken);
        if (!call.Step.IsAgentStep || output is not JsonObject answer)
        {
            return output;
        }
        AgentOutcome outcome;
        if (!call.LlmEnabled)
        {
            outcome = AgentOutcome.NotAsked(call.Step.Tool, call.Runner, AgentOutcome.Disabled);
        }
        else
        {
            var agent = await ReadAsync(() => grains.GetGrain<IAgent>(JobKey.For(call.TenantId, call.Runner)).Get(), call, "agent");
            if (agent is null)
            {
                // Unreadable (storage trouble, logged): the step answers statistically rather than failing the job.
                outcome = AgentOutcome.NotAsked(call.Step.Tool, call.Runner, AgentOutcome.AgentUnavailable);
            }
            else
            {
                var context = await ReadAsync<BusinessContext>(async () => await grains.GetGrain<ITenantContext>(call.TenantId).Get(), call, "business context") ?? BusinessContext.None;
                var known = new JsonObject { [call.Step.Tool] = answer.DeepClone() };
                foreach (var (step, seen) in call.Inputs)
                {
                    known[step] = seen.DeepClone();
                }
                outcome = await loop.RunAsync(new AgentAssignment(call.TenantId, call.JobId, call.AnalysisType, call.Step.Tool, agent.Definition,
                    call.Step.Goal!, call.Input.Question, call.Input, known, BusinessContextPrompt.Render(context), call.UseCache, call.Events), cancellationToken);
            }
        }
        answer[OutputKey] = outcome.ToJson();
        return answer;
    }

    /// <summary>A read that fails (storage trouble) leaves the step to its statistical answer rather than failing the job.</summary>
    private async Task<T?> ReadAsync<T>(Func<Task<T?>> read, AgentStepCall call, string what) where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Step {Step} of job {JobId} (tenant {TenantId}) could not read its {What}", call.Step.Tool, call.JobId, call.TenantId, what);
            return null;
        }
    }
}

/// <summary>
/// One runner's turn at an agent step: whose job, the step and the agent running it, the job's input,
/// what the step may see of earlier steps, the request's switches and who hears the agent's events.
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
    Func<AgentEvent, Task>? Events = null);
