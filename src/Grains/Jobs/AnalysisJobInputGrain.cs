namespace Actors.Jobs;

/// <summary>Holds a job's large submitted data (see <see cref="IAnalysisJobInput"/>).</summary>
public sealed class AnalysisJobInputGrain(
    [PersistentState("analysis-job-data", StorageNames.Grains)] IPersistentState<AnalysisJobInputState> state) : Grain, IAnalysisJobInput
{
    public async Task Save(string? recordsJson, string? csv)
    {
        state.State = new AnalysisJobInputState { RecordsJson = recordsJson, Csv = csv };
        await state.WriteStateAsync();
    }

    public Task<(string? RecordsJson, string? Csv)> Get() => Task.FromResult((state.State.RecordsJson, state.State.Csv));

    public async Task Clear()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        this.DeactivateOnIdle();
    }
}
