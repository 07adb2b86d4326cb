using System.Globalization;
using System.Security.Claims;
using Actors.Api.Auth;
using Actors.Api.Problems;

namespace Actors.Api.Analyses;

/// <summary>
/// Counts the event streams each caller (API key or user) and each tenant holds open on this node, so one
/// read key cannot pile up connections that never end (<c>GET /api/v1/events</c> stays open for good).
/// A stream takes a place before it subscribes to anything and gives it back when its response ends;
/// past <see cref="EventStreamOptions.MaxOpenPerKey"/> or <see cref="EventStreamOptions.MaxOpenPerTenant"/>
/// it is refused with 429 <c>too_many_streams</c>. Per node: connections are a node's resource, and a
/// count shared through a grain would cost a call per stream and outlive a node that dies.
/// </summary>
public sealed class OpenStreams(IOptions<EventStreamOptions> options, ILogger<OpenStreams> logger)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A place for one stream of the request's caller, to dispose when the response ends; null when a limit is reached, with the refusal in <paramref name="refused"/>.</summary>
    public IDisposable? TryOpen(HttpContext http, out IResult? refused)
    {
        var user = http.User;
        var tenantId = user.GetTenantId();
        var (callerKey, tenantKey) = ($"caller:{tenantId}/{user.GetActor()}", $"tenant:{tenantId}");
        var (perKey, perTenant) = (options.Value.MaxOpenPerKey, options.Value.MaxOpenPerTenant);
        lock (_open)
        {
            var scope = IsFull(callerKey, perKey) ? "key" : IsFull(tenantKey, perTenant) ? "tenant" : null;
            if (scope is null)
            {
                Add(callerKey, 1);
                Add(tenantKey, 1);
                refused = null;
                return new Place(this, callerKey, tenantKey);
            }
            var limit = scope == "key" ? perKey : perTenant;
            logger.LogInformation("Tenant {TenantId} refused an event stream: its {StreamScope} holds {Limit} open on this node", tenantId, scope, limit);
            refused = Refusal(http, scope, limit, user);
            return null;
        }
    }

    /// <summary>Streams open on this node for <paramref name="tenantId"/>, for tests and diagnostics.</summary>
    public int OpenFor(string tenantId)
    {
        lock (_open)
        {
            return _open.GetValueOrDefault($"tenant:{tenantId}");
        }
    }

    private bool IsFull(string key, int limit) => limit > 0 && _open.GetValueOrDefault(key) >= limit;

    // Entries go when their count is back to 0, so the table holds only callers with a stream open.
    private void Add(string key, int by)
    {
        var count = _open.GetValueOrDefault(key) + by;
        if (count > 0)
        {
            _open[key] = count;
        }
        else
        {
            _open.Remove(key);
        }
    }

    private IResult Refusal(HttpContext http, string scope, int limit, ClaimsPrincipal user)
    {
        var retryAfter = (long)Math.Ceiling(options.Value.OpenLimitRetryAfter.TotalSeconds);
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var whose = scope == "tenant" ? "This tenant's keys and users hold"
            : user.GetActor().StartsWith("key:", StringComparison.Ordinal) ? "This API key holds" : "This user holds";
        return Problem.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyStreams, "Too many open event streams",
            $"{whose} {limit} open event streams on this node, the most allowed; close one, or retry in {retryAfter} s.",
            new Dictionary<string, object?> { ["scope"] = scope, ["limit"] = limit, ["retry_after"] = retryAfter });
    }

    private sealed class Place(OpenStreams streams, string callerKey, string tenantKey) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }
            lock (streams._open)
            {
                streams.Add(callerKey, -1);
                streams.Add(tenantKey, -1);
            }
        }
    }
}
