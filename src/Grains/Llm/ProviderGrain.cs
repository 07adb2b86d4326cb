namespace Actors.Llm;

/// <summary>
/// One provider/model/key owner's breaker and buckets for the whole cluster. State changes are
/// rare next to reads; silos cache <see cref="GetHealth"/> and report outcomes as they happen.
/// The state is persisted so a breaker stays open across a silo's death.
/// </summary>
public sealed class ProviderGrain(
    [PersistentState("llm-provider", StorageNames.Grains)] IPersistentState<ProviderBook> state,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<ProviderGrain> logger) : Grain, IProvider
{
    private readonly BreakerOptions _breaker = options.Value.Breaker;

    public Task<ProviderHealth> GetHealth() => Task.FromResult(state.State.Health(time.GetUtcNow(), _breaker));

    public async Task<ProviderHealth> Report(ProviderOutcome outcome)
    {
        var now = time.GetUtcNow();
        var before = state.State.StateAt(now, _breaker);
        state.State = state.State.Record(outcome, now, _breaker);
        var after = state.State.StateAt(now, _breaker);
        if (before != after)
        {
            logger.LogWarning("Provider {Provider} circuit {From} -> {To} after {ConsecutiveFailures} consecutive failure(s); last error: {LastError}",
                this.GetPrimaryKeyString(), before, after, state.State.ConsecutiveFailures, state.State.LastError);
            // Only transitions are written: counters lost with a silo are harmless, a forgotten open circuit is not.
            await state.WriteStateAsync();
        }
        return state.State.Health(now, _breaker);
    }

    public Task<bool> TryStartProbe()
    {
        var granted = state.State.TryGrantProbe(time.GetUtcNow(), _breaker);
        if (granted is null)
        {
            return Task.FromResult(false);
        }
        state.State = granted;
        return Task.FromResult(true);
    }
}
