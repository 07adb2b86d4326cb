namespace Actors.Audit;

/// <summary>A page request over a tenant's audit log, newest first; every filter is optional.</summary>
/// <param name="Before">The cursor: only entries older than this entry id.</param>
[GenerateSerializer, Immutable, Alias("Actors.Audit.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] string? Action,
    [property: Id(1)] string? Actor,
    [property: Id(2)] DateTimeOffset? From,
    [property: Id(3)] DateTimeOffset? To,
    [property: Id(4)] string? Before,
    [property: Id(5)] int Limit);

/// <summary>Up to the query's limit of entries, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Audit.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Items,
    [property: Id(1)] string? NextCursor);
