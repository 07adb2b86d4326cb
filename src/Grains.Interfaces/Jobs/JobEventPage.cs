namespace Actors.Jobs;

/// <summary>
/// Buffered events after a sequence number. <see cref="Truncated"/> is true when events the
/// caller asked for have already left the bounded replay buffer.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobEventPage")]
public sealed record JobEventPage(
    [property: Id(0)] IReadOnlyList<JobEvent> Events,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] long LastSequence,
    [property: Id(3)] bool Truncated);
