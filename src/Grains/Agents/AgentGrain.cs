using Actors.Agents;

namespace Actors.Agents;

/// <summary>
/// One agent of one tenant. It holds the definition and the usage; it never runs a step, so jobs
/// do not queue behind it. Usage writes are batched on a short timer: runs arrive one-way from
/// many jobs and a lost second of counters is an acceptable price for not writing per run.
/// </summary>
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Grains)] IPersistentState<AgentState> state,
    ILogger<AgentGrain> logger) : Grain, IAgent
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);
    private WriteBehind? _usageWrite;

    // Usage counters are best effort: a failed write is logged, and the next run writes them again.
    private WriteBehind UsageWrite => _usageWrite ??= new WriteBehind(this, FlushDelay, state.WriteStateAsync,
        ex => logger.LogWarning(ex, "Agent {AgentKey} could not save its usage", this.GetPrimaryKeyString()));

    private string Name => JobKey.Parse(this.GetPrimaryKeyString()).Id;

    public Task<AgentView?> Get()
    {
        var builtIn = BuiltInAgents.All.TryGetValue(Name, out var standard);
        var definition = state.State.Definition ?? standard;
        return Task.FromResult(definition is null
            ? null
            : new AgentView(definition, builtIn, builtIn && state.State.Definition is not null, state.State.Usage));
    }

    public async Task<AgentView> Put(AgentDefinition definition)
    {
        state.State = state.State with { Definition = definition with { Name = Name } };
        await state.WriteStateAsync();
        return (await Get())!;
    }

    public Task RecordRun(AgentRun run)
    {
        state.State = state.State with { Usage = state.State.Usage.Add(run) };
        UsageWrite.Schedule();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await UsageWrite.WriteIfScheduledAsync();
        }
        catch (Exception)
        {
            // Storage may already be gone on a silo shutting down; usage counters are best effort.
        }
    }
}
