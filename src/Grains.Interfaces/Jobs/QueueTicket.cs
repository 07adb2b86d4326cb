namespace Actors.Jobs;

/// <summary>A tenant queue's answer to an enlisting job: admitted to run now, or its 1-based position.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.QueueTicket")]
public sealed record QueueTicket(
    [property: Id(0)] bool Admitted,
    [property: Id(1)] int Position);
