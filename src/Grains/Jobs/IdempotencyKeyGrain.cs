namespace Actors.Jobs;

/// <summary>
/// Binds an Idempotency-Key to one job. The binding is written before the job is submitted, and a
/// retry submits again (the job's own submit is idempotent), so a crash between the two loses nothing.
/// </summary>
public sealed class IdempotencyKeyGrain(
    [PersistentState("idempotency-key", StorageNames.Grains)] IPersistentState<IdempotencyKeyState> state,
    TimeProvider time) : Grain, IIdempotencyKey
{
    public async Task<SubmitOutcome?> Submit(string newJobId, AnalysisRequest request)
    {
        if (state.State.JobId is null)
        {
            state.State = new IdempotencyKeyState { JobId = newJobId, Fingerprint = request.Fingerprint, CreatedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }
        else if (state.State.Fingerprint != request.Fingerprint)
        {
            return null;
        }

        var (tenantId, _) = JobKey.Parse(this.GetPrimaryKeyString());
        return await GrainFactory.GetGrain<IAnalysisJob>(JobKey.For(tenantId, state.State.JobId)).Submit(request);
    }
}
