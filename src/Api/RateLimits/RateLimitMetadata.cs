using Actors.Api.Auth;
using Actors.RateLimits;
using Microsoft.AspNetCore.Authorization;

namespace Actors.Api.RateLimits;

/// <summary>
/// An endpoint's rate-limit policy, or none. Endpoints without it are limited by their authorization
/// policy: admin scope → admin, analyses:write → submit, analyses:read → read; others are not limited.
/// </summary>
public sealed record RateLimitMetadata(RateLimitPolicy? Policy)
{
    public static RateLimitPolicy? PolicyOf(Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }
        if (endpoint.Metadata.GetMetadata<RateLimitMetadata>() is { } explicitly)
        {
            return explicitly.Policy;
        }
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(Scopes.Admin) ? RateLimitPolicy.Admin
            : policies.Contains(Scopes.AnalysesWrite) ? RateLimitPolicy.Submit
            : policies.Contains(Scopes.AnalysesRead) ? RateLimitPolicy.Read
            : null;
    }
}

public static class RateLimitEndpointConventions
{
    /// <summary>Counts the endpoint's requests against <paramref name="policy"/>, whatever its authorization.</summary>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, RateLimitPolicy policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitMetadata(policy));

    /// <summary>Leaves the endpoint unlimited.</summary>
    public static TBuilder WithoutRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitMetadata(null));
}
