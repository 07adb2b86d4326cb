namespace Actors.Audit;

/// <summary>
/// One recorded call that changed something: who, what, on which resource, with what outcome.
/// It never holds a request body, a header other than the user agent, or a secret.
/// </summary>
/// <param name="Id">Sortable by time: <c>aud_{ticks:x16}{random}</c>, so ordinal order is time order.</param>
/// <param name="Actor"><c>key:{key id}</c> or <c>user:{subject}</c>.</param>
/// <param name="Action">A dotted verb such as <c>analysis.submit</c>.</param>
/// <param name="Resource">The path acted on (the created resource's path when there is one).</param>
/// <param name="Outcome">success, denied (401/403), rejected (other 4xx) or error (5xx).</param>
/// <param name="Status">The HTTP status the call was answered with.</param>
[GenerateSerializer, Immutable, Alias("Actors.Audit.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Action,
    [property: Id(5)] string Resource,
    [property: Id(6)] string Outcome,
    [property: Id(7)] int Status,
    [property: Id(8)] string RequestId,
    [property: Id(9)] string? ClientIp,
    [property: Id(10)] string? UserAgent);
