namespace Actors.Llm;

/// <summary>
/// One provider/model as used with one key owner, keyed <c>{owner}/{entry}/{model}</c> (owner is
/// <c>global</c> or a tenant id). Holds the circuit breaker and the per-minute request and token
/// buckets for the whole cluster. Silos read it through a per-silo cache and report outcomes
/// without waiting on it, so no LLM call queues behind this activation.
/// </summary>
[Alias("Actors.Llm.IProvider")]
public interface IProvider : IGrainWithStringKey
{
    [Alias("GetHealth"), ReadOnly, AlwaysInterleave]
    Task<ProviderHealth> GetHealth();

    /// <summary>Records a call's outcome and answers the health it leads to.</summary>
    [Alias("Report")]
    Task<ProviderHealth> Report(ProviderOutcome outcome);

    /// <summary>When half-open, grants the single probe to the first caller; false for every other.</summary>
    [Alias("TryStartProbe")]
    Task<bool> TryStartProbe();
}
