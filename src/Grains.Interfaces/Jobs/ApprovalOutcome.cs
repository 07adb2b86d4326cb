namespace Actors.Jobs;

/// <summary>What a decision did: <see cref="Decided"/> is false when the job was not awaiting approval (nothing changed).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.ApprovalOutcome")]
public sealed record ApprovalOutcome(
    [property: Id(0)] JobSnapshot Job,
    [property: Id(1)] bool Decided);
