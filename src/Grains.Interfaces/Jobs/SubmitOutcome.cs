namespace Actors.Jobs;

/// <summary>
/// The answer to a submission. <see cref="Created"/> is false when the job already existed
/// (an idempotent retry). <see cref="PositionInQueue"/> is 0 once the job holds a run slot.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.SubmitOutcome")]
public sealed record SubmitOutcome(
    [property: Id(0)] JobSnapshot Job,
    [property: Id(1)] int PositionInQueue,
    [property: Id(2)] bool Created);
