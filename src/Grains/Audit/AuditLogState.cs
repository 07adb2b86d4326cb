using System.Collections.Immutable;

namespace Actors.Audit;

[GenerateSerializer, Alias("Actors.Audit.AuditLogState")]
public sealed record AuditLogState
{
    /// <summary>Oldest first, ordered by entry id (which orders by time).</summary>
    [Id(0)] public ImmutableList<AuditEntry> Entries { get; init; } = [];
}
