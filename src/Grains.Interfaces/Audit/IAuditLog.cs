namespace Actors.Audit;

/// <summary>
/// A tenant's audit log, keyed by tenant id. API nodes append in batches from a background
/// writer (never on the request path); bounded by retention days and an entry count.
/// </summary>
[Alias("Actors.Audit.IAuditLog")]
public interface IAuditLog : IGrainWithStringKey
{
    /// <summary>Adds entries of this tenant (entries of another tenant are ignored) and persists them.</summary>
    [Alias("Append"), ResponseTimeout(CallTimeouts.Storage)]
    Task Append(IReadOnlyList<AuditEntry> entries);

    [Alias("Query"), ReadOnly, AlwaysInterleave]
    Task<AuditPage> Query(AuditQuery query);
}
