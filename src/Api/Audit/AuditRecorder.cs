using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Api.Hosting;
using Actors.Audit;

namespace Actors.Api.Audit;

/// <summary>
/// Middleware: after an <see cref="AuditedEndpoint"/> answers, hands an <see cref="AuditEntry"/> to the
/// <see cref="AuditWriter"/>, which only queues it; the request never waits on the audit log. Placed outside
/// authorization and the exception handler, so denied (403) and failed (500) calls are recorded too.
/// </summary>
public sealed class AuditRecorder(RequestDelegate next, AuditWriter writer, TimeProvider time)
{
    private const int MaxResourceLength = 256;
    private const int MaxUserAgentLength = 256;

    public async Task InvokeAsync(HttpContext context)
    {
        // Read before the call: the exception handler clears the matched endpoint.
        var audited = context.GetEndpoint()?.Metadata.GetMetadata<AuditedEndpoint>();
        if (audited is null)
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            Record(context, audited);
        }
    }

    private void Record(HttpContext context, AuditedEndpoint audited)
    {
        var user = context.User;
        if ((user.FindFirst(TenantClaims.TenantId)?.Value ?? PlatformTarget(context)) is not { } tenantId)
        {
            return; // Unauthenticated: there is no tenant whose log it belongs in.
        }
        var status = context.Response.StatusCode;
        var at = time.GetUtcNow();
        writer.Record(new AuditEntry(
            NewId(at),
            at,
            tenantId,
            user.GetActor(),
            audited.Action,
            ResourceOf(context, status),
            OutcomeOf(status),
            status,
            RequestIdMiddleware.Of(context) ?? context.TraceIdentifier,
            context.Connection.RemoteIpAddress?.ToString(),
            Truncate(context.Request.Headers.UserAgent.ToString(), MaxUserAgentLength) is { Length: > 0 } agent ? agent : null));
    }

    /// <summary>
    /// The platform operator belongs to no tenant: what it does to a tenant (create, suspend, issue a
    /// key) goes into that tenant's log, named by the route or by the created tenant's Location.
    /// </summary>
    private static string? PlatformTarget(HttpContext context)
    {
        if (!context.User.HasClaim(TenantClaims.Scope, Scopes.PlatformAdmin))
        {
            return null;
        }
        if (context.GetRouteValue("tenantId") is string routed)
        {
            return routed;
        }
        const string Created = "/api/v1/tenants/";
        var location = context.Response.Headers.Location.ToString();
        return location.StartsWith(Created, StringComparison.Ordinal) && location.Length > Created.Length && !location[Created.Length..].Contains('/')
            ? location[Created.Length..]
            : null;
    }

    /// <summary>Sortable by time, unique across nodes.</summary>
    public static string NewId(DateTimeOffset at) =>
        "aud_" + at.UtcTicks.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string OutcomeOf(int status) => status switch
    {
        < 400 => "success",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "denied",
        < 500 => "rejected",
        _ => "error",
    };

    /// <summary>The created resource's path when the answer names one, else the path called; never the query string.</summary>
    private static string ResourceOf(HttpContext context, int status)
    {
        var location = status < 300 ? context.Response.Headers.Location.ToString() : "";
        var path = location.StartsWith('/') ? location : context.Request.Path.Value ?? "";
        var query = path.IndexOf('?');
        return Truncate(query < 0 ? path : path[..query], MaxResourceLength);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
