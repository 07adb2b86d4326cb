namespace Actors.Jobs;

/// <summary>The job an Idempotency-Key created and the fingerprint of the request that created it.</summary>
[GenerateSerializer, Alias("Actors.Jobs.IdempotencyKeyState")]
public sealed record IdempotencyKeyState
{
    [Id(0)] public string? JobId { get; init; }
    [Id(1)] public string? Fingerprint { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
}
