namespace Actors.Agents;

/// <summary>
/// One agent turn's events, minus the pair that says nothing happened: a start followed at once by a fall
/// back for which no provider was asked (none configured, the budget spent, every breaker open). Everything
/// else is passed on in order.
/// </summary>
public sealed class QuietAgentEvents(Func<AgentEvent, Task> events)
{
    private static readonly HashSet<string> NotAsked = [AgentOutcome.NoProvider, AgentOutcome.BudgetReached, AgentOutcome.BreakerOpen];

    private AgentEvent? _started;

    public async Task TellAsync(AgentEvent agentEvent)
    {
        if (agentEvent.Kind == AgentEvent.StepStarted)
        {
            _started = agentEvent;
            return;
        }
        var started = _started;
        _started = null;
        if (started is not null && agentEvent.Kind == AgentEvent.FellBackKind && NotAsked.Contains(agentEvent.FallbackReason ?? ""))
        {
            return;
        }
        if (started is not null)
        {
            await events(started);
        }
        await events(agentEvent);
    }
}
