namespace Actors.Audit;

/// <summary>Audit log settings. Bound from <c>Actors:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Actors:Audit";

    /// <summary>Entries older than this many days are dropped and never listed.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>The newest entries kept per tenant; older ones are dropped first.</summary>
    public int MaxEntriesPerTenant { get; set; } = 10_000;

    /// <summary>Entries an API node holds while its background writer catches up; beyond it new entries are dropped and counted.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>The most entries the writer sends in one call.</summary>
    public int MaxBatch { get; set; } = 500;
}
