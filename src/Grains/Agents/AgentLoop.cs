using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Analytics;
using Actors.Llm;
using Actors.Numbers;
using Microsoft.Extensions.AI;

namespace Actors.Agents;

/// <summary>
/// One agent step through the tenant's LLM: a system prompt from the agent's role, goal and
/// instructions and the tenant's business context; the analytics and data tools over the job's own
/// table (<see cref="AgentToolbox"/>), called by Microsoft.Extensions.AI's function invocation inside
/// <see cref="LlmChain"/>; a structured answer asked for with a JSON schema and checked against it;
/// grounding (every number traces to a tool result or the known metrics); one retry naming what was
/// wrong (<see cref="TenantLlm.AskGroundedAsync"/>). When there is no answer the outcome says why
/// (<see cref="AgentOutcome.FallbackReason"/>) and the caller's statistical step answers.
/// </summary>
public sealed class AgentLoop(TenantLlm llm, ILogger<AgentLoop> logger)
{
    public async Task<AgentOutcome> RunAsync(AgentAssignment work, CancellationToken cancellationToken)
    {
        await Tell(work, AgentEvent.Started(work.Step, work.Agent.Name));
        var toolbox = new AgentToolbox(work.Input, work.Agent.Tools, call => Tell(work, AgentEvent.ToolCalled(work.Step, work.Agent.Name, call)));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt(work, toolbox)),
            new(ChatRole.User, UserPrompt(work)),
        };
        var options = new ChatOptions
        {
            Tools = toolbox.Functions,
            Temperature = 0.2f,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(AnswerSchema, "agent_answer", "Findings with evidence and recommendations with impact and effort."),
        };
        var caller = new LlmCaller(work.TenantId, work.JobId, work.AnalysisType, work.Agent.Name, work.Step);
        AgentAnswer? accepted = null;
        var known = Grounding.Known(work.Known);
        AnswerVerdict Judge(string text)
        {
            var (answer, problems) = AgentAnswer.Read(text);
            if (answer is null)
            {
                return AnswerVerdict.Invalid(problems);
            }
            var verdict = AnswerVerdict.Grounded(answer.Ungrounded([.. known, .. toolbox.Returned.Where(double.IsFinite)]));
            accepted = verdict.Passed ? answer : null;
            return verdict;
        }

        var asked = await llm.AskGroundedAsync(new LlmQuestion(caller, messages, options, toolbox, work.Agent.ModelPreference, work.UseCache), Judge, cancellationToken);
        var outcome = AgentOutcome.From(work, asked, accepted, toolbox.Calls);
        if (outcome.Answer is null)
        {
            logger.LogInformation("Agent {Agent} fell back to the statistical engine at step {Step} of job {JobId} (tenant {TenantId}): {FallbackReason}",
                work.Agent.Name, work.Step, work.JobId, work.TenantId, outcome.FallbackReason);
        }
        await Tell(work, outcome.Answer is null
            ? AgentEvent.FellBack(work.Step, work.Agent.Name, outcome.FallbackReason!)
            : AgentEvent.Answered(work.Step, work.Agent.Name, outcome.Model!, outcome.ToolCalls.Count));
        return outcome;
    }

    private static readonly JsonElement AnswerSchema = JsonSerializer.SerializeToElement(AgentAnswer.Schema());

    /// <summary>A listener that fails (an event not published) never fails the step.</summary>
    private async Task Tell(AgentAssignment work, AgentEvent agentEvent)
    {
        if (work.Events is null)
        {
            return;
        }
        try
        {
            await work.Events(agentEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Agent {Agent} at step {Step} of job {JobId} (tenant {TenantId}) could not publish its {AgentEventKind} event",
                work.Agent.Name, work.Step, work.JobId, work.TenantId, agentEvent.Kind);
        }
    }

    private static string SystemPrompt(AgentAssignment work, AgentToolbox toolbox)
    {
        var text = AgentBriefing.Persona(work.Agent, work.BusinessContext);
        text.Append($"""

            Work from the data with the tools ({string.Join(", ", toolbox.Tools.Select(t => t.Name))}). Every number you write,
            in text or in evidence, must be copied from a tool result (rounding to fewer decimals is fine): compute
            differences, changes and ratios with the difference, percent_change and ratio tools, never by hand. A tool
            answers at most {DataTools.MaxRows} rows or groups and {AgentToolbox.MaxResultChars} characters and says when it cut its answer
            ("truncated": true): narrow the call (conditions, columns, limit) instead of guessing what was left out.
            When you are done, answer with one JSON object matching this schema and nothing else:
            """).Append('\n').Append(AgentAnswer.Schema().ToJsonString());
        return text.ToString();
    }

    private static string UserPrompt(AgentAssignment work)
    {
        var text = new StringBuilder();
        text.Append("Task: ").Append(work.Goal).Append('\n');
        if (!string.IsNullOrWhiteSpace(work.Question))
        {
            text.Append("Question: ").Append(work.Question).Append('\n');
        }
        var table = work.Input.Table;
        text.Append("The data: ").Append(table.RowCount).Append(" rows; columns ").AppendJoin(", ", table.Columns).Append('.');
        return text.ToString();
    }
}

/// <summary>
/// What an agent step is asked to do: whose job and step, which agent, the step's goal and the
/// request's question, the job's input, the numbers it may quote besides tool results (the metrics
/// computed so far), the tenant's business context, whether the response cache may answer, and who
/// hears its events.
/// </summary>
public sealed record AgentAssignment(
    string TenantId,
    string JobId,
    string AnalysisType,
    string Step,
    AgentDefinition Agent,
    string Goal,
    string? Question,
    Analyses.AnalysisInput Input,
    JsonNode? Known = null,
    string? BusinessContext = null,
    bool UseCache = false,
    Func<AgentEvent, Task>? Events = null);
