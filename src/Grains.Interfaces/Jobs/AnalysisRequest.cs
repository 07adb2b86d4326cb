namespace Actors.Jobs;

/// <summary>
/// A validated analysis submission. The data travels as text exactly one of
/// <see cref="RecordsJson"/> (a JSON array of flat objects) or <see cref="Csv"/>.
/// <see cref="Fingerprint"/> is a hash of the canonical request, used to tell an idempotent
/// retry from a different request that reuses an <c>Idempotency-Key</c>. <see cref="TeamJson"/>
/// is the validated team template the job runs, fixed at submit so a resumed job keeps its plan.
/// <see cref="BatchId"/> names the batch the job is an item of, which hears of its changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.AnalysisRequest")]
public sealed record AnalysisRequest(
    [property: Id(0)] string Type,
    [property: Id(1)] string? RecordsJson,
    [property: Id(2)] string? Csv,
    [property: Id(3)] string? Question,
    [property: Id(4)] IReadOnlyDictionary<string, string> Options,
    [property: Id(5)] JobPriority Priority,
    [property: Id(6)] string? CallbackUrl,
    [property: Id(7)] string Fingerprint,
    [property: Id(8)] string? TeamJson = null,
    [property: Id(9)] string? BatchId = null);
