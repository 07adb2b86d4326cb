using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Actors.Api.Problems;
using Actors.RateLimits;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Actors.Api.Security;

/// <summary>
/// Abuse protection in front of authentication: a token bucket per client address (ASP.NET Core's
/// rate limiter), so a flood of made-up API keys from one address is refused with 429 before any key
/// is looked up (no grain activation, no storage read). The client address is the connection's,
/// unless the connection comes from a configured proxy: only then is <c>X-Forwarded-For</c> believed.
/// Probes and scrapes (<c>/health</c>, <c>/metrics</c>) are not limited. The per-key and per-tenant
/// limits (<c>RateLimitMiddleware</c>) still apply to authenticated calls.
/// </summary>
public static class ClientAddressLimits
{
    public static IServiceCollection AddActorsClientAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ClientAddressOptions.From(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware would believe every sender, so no proxy configured means no header read.
            options.ForwardedHeaders = TrustsAProxy(settings) ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            options.ForwardLimit = settings.ForwardLimit;
            // The defaults trust loopback; here only what is configured is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // Actors:RateLimits:Enabled=false turns every rate limit off, this one included.
        var limitsOn = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()?.Enabled ?? true;
        if (!limitsOn || settings.PermitsPerPeriod <= 0)
        {
            return services;
        }
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(settings.Burst, settings.PermitsPerPeriod),
            TokensPerPeriod = settings.PermitsPerPeriod,
            ReplenishmentPeriod = settings.Period,
            QueueLimit = 0,
            // The partitioned limiter refills every bucket from its one timer and drops a bucket once it
            // has been full (idle) for 10 s, so distinct addresses do not each hold a timer or stay in memory.
            AutoReplenishment = false,
        };
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsOperatorTraffic(http.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("operator")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientAddress.BucketOf(http.Connection.RemoteIpAddress, settings.Ipv6PrefixLength), _ => bucket));
            limiter.OnRejected = (context, _) => RefuseAsync(context, settings);
        });
        return services;
    }

    /// <summary>First in the pipeline: the client's address as a configured proxy said; without one the headers are not read at all.</summary>
    public static IApplicationBuilder UseActorsForwardedHeaders(this IApplicationBuilder app) =>
        TrustsAProxy(ClientAddressOptions.From(app.ApplicationServices.GetRequiredService<IConfiguration>())) ? app.UseForwardedHeaders() : app;

    private static bool TrustsAProxy(ClientAddressOptions settings) => settings.KnownProxies.Length > 0 || settings.KnownNetworks.Length > 0;

    /// <summary>Before authentication: an address past its limit is refused before any credential is looked at.</summary>
    public static IApplicationBuilder UseActorsAddressLimit(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<IOptions<RateLimiterOptions>>()?.Value.GlobalLimiter is null
            ? app
            : app.UseRateLimiter();

    private static async ValueTask RefuseAsync(OnRejectedContext context, ClientAddressOptions settings)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling(settings.Period.TotalSeconds));
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var period = settings.Period == TimeSpan.FromSeconds(1) ? "a second" : "per " + settings.Period.ToString("c", CultureInfo.InvariantCulture);
        await Problem.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests",
            $"This address has sent more than its {settings.PermitsPerPeriod} requests {period} (after a burst of {settings.Burst}); retry in {retryAfter} s.",
            new Dictionary<string, object?> { ["scope"] = "address", ["retry_after"] = retryAfter }).ExecuteAsync(http);
    }

    private static bool IsOperatorTraffic(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
