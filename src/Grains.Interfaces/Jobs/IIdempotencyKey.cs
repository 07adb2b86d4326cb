namespace Actors.Jobs;

/// <summary>
/// Remembers which job an <c>Idempotency-Key</c> created, keyed <c>{tenantId}/{hash of the key}</c>.
/// A retry with the same request returns the same job; the same key with a different request is refused.
/// </summary>
[Alias("Actors.Jobs.IIdempotencyKey")]
public interface IIdempotencyKey : IGrainWithStringKey
{
    /// <summary>Submits <paramref name="request"/> as job <paramref name="newJobId"/>, or returns the job this key already made; null when the key was used for a different request.</summary>
    [Alias("Submit"), ResponseTimeout(CallTimeouts.Storage)]
    Task<SubmitOutcome?> Submit(string newJobId, AnalysisRequest request);
}
