using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Api.Hosting;
using Actors.Api.Problems;
using Actors.Audit;

namespace Actors.Api.Audit;

/// <summary>
/// Middleware: an <see cref="AuditedEndpoint"/> runs only once the <see cref="AuditWriter"/> has a place
/// for its entry (else it is refused with 503: never done unaudited), and its <see cref="AuditEntry"/> is
/// handed over as its answer starts, so the entry is in the node's spill before the caller hears of the
/// outcome; the request never waits on the audit log itself. Placed outside authorization and the
/// exception handler, so denied (403) and failed (500) calls are recorded too.
/// </summary>
public sealed class AuditRecorder(RequestDelegate next, AuditWriter writer, TimeProvider time)
{
    private const int MaxResourceLength = 256;
    private const int MaxUserAgentLength = 256;

    /// <summary>How long a client should wait when the audit log is behind: the writer retries every few seconds.</summary>
    private const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        // Read before the call: the exception handler clears the matched endpoint.
        var audited = context.GetEndpoint()?.Metadata.GetMetadata<AuditedEndpoint>();
        if (audited is null)
        {
            await next(context);
            return;
        }
        if (!writer.TryReserve())
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Problem.Create(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "Audit log unavailable",
                "The audit log cannot take another entry right now, so nothing was done; retry shortly (with the same Idempotency-Key).")
                .ExecuteAsync(context);
            return;
        }
        var recorded = 0;
        void RecordOnce()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0 && !Record(context, audited))
            {
                writer.Unreserve();
            }
        }
        context.Response.OnStarting(() =>
        {
            RecordOnce();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            // An answer that never started (the connection went away) is recorded as it stands.
            RecordOnce();
        }
    }

    /// <summary>Hands the call's entry to the writer in its reserved place; false when there is no tenant to record it for.</summary>
    private bool Record(HttpContext context, AuditedEndpoint audited)
    {
        var user = context.User;
        if ((user.FindFirst(TenantClaims.TenantId)?.Value ?? PlatformTarget(context)) is not { } tenantId)
        {
            return false; // Unauthenticated: there is no tenant whose log it belongs in.
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
            Truncate(context.Request.Headers.UserAgent.ToString(), MaxUserAgentLength) is { Length: > 0 } agent ? agent : null),
            reserved: true);
        return true;
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
