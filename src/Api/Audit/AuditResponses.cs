using Actors.Audit;

namespace Actors.Api.Audit;

/// <summary>One audit entry on the wire.</summary>
public sealed record AuditEntryResponse(
    string Id, DateTimeOffset At, string TenantId, string Actor, string Action, string Resource,
    string Outcome, int Status, string RequestId, string? ClientIp, string? UserAgent)
{
    public static readonly string[] CsvHeader =
        ["id", "at", "tenant_id", "actor", "action", "resource", "outcome", "status", "request_id", "client_ip", "user_agent"];

    public static AuditEntryResponse From(AuditEntry e) =>
        new(e.Id, e.At, e.TenantId, e.Actor, e.Action, e.Resource, e.Outcome, e.Status, e.RequestId, e.ClientIp, e.UserAgent);

    public static string CsvRow(AuditEntry e) => CsvCells.Row(
        e.Id, e.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), e.TenantId, e.Actor, e.Action, e.Resource,
        e.Outcome, e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.RequestId, e.ClientIp, e.UserAgent);
}

/// <summary>A page of the audit log, newest first; pass <c>next_cursor</c> as <c>cursor</c> for the next page (null on the last).</summary>
public sealed record AuditListResponse(IReadOnlyList<AuditEntryResponse> Items, string? NextCursor);
