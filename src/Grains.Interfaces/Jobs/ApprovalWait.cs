namespace Actors.Jobs;

/// <summary>
/// A job stopped at an approval step: which step, what the approver is asked, since when, and when
/// the timeout policy decides (<see cref="OnTimeout"/>: <c>approve</c> or <c>reject</c>) if nobody has.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.ApprovalWait")]
public sealed record ApprovalWait(
    [property: Id(0)] string Step,
    [property: Id(1)] string? Message,
    [property: Id(2)] DateTimeOffset RequestedAt,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] string OnTimeout);
