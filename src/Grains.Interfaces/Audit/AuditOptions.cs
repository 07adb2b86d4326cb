namespace Actors.Audit;

/// <summary>Audit log settings. Bound from <c>Actors:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Actors:Audit";

    /// <summary>Entries older than this many days are dropped and never listed.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>The newest entries kept per tenant; older ones are dropped first.</summary>
    public int MaxEntriesPerTenant { get; set; } = 10_000;

    /// <summary>
    /// Entries an API node may hold that their tenant's log has not stored yet (PostgreSQL down, a silo
    /// failing over); past it, audited requests are refused with 503 rather than done unaudited.
    /// </summary>
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>
    /// The API node's folder for entries not yet stored (one JSON line each, replayed by the next start).
    /// Unset: production uses <c>.actors/audit-spill</c> under the node's content root; the embedded
    /// default keeps none (its log is in memory). One folder per node.
    /// </summary>
    public string? SpillPath { get; set; }

    /// <summary>The most entries the writer sends in one call.</summary>
    public int MaxBatch { get; set; } = 500;
}
