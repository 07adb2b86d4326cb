namespace Actors.Audit;

/// <summary>
/// Where a tenant's audit log lives when it must outgrow one grain's state: production keeps it in
/// PostgreSQL (<c>deploy/sql/0005_audit_log.sql</c>). The embedded default registers none and
/// <see cref="AuditLogGrain"/> keeps a bounded list in its state.
/// </summary>
public interface IAuditStore
{
    /// <summary>Stores the entries; an entry stored before (same id) is not stored twice.</summary>
    Task AppendAsync(string tenantId, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>One page, newest first, of the tenant's entries at or after <paramref name="oldestKept"/>.</summary>
    Task<AuditPage> QueryAsync(string tenantId, AuditQuery query, DateTimeOffset oldestKept, CancellationToken cancellationToken = default);

    /// <summary>Deletes the tenant's entries older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> ForgetBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
