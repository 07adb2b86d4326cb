using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.RateLimits;

public static class RateLimitServices
{
    /// <summary>The buckets' clock, on silos: the node's <see cref="TimeProvider"/> unless a test stops it.</summary>
    public static IServiceCollection AddActorsRateLimitClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(RateLimiterGrain.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        return services;
    }

    /// <summary>What an API node needs to check requests: options from <c>Actors:RateLimits</c>, the overrides and the gate.</summary>
    public static IServiceCollection AddActorsRateLimitGate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(AllPositive, "Every Actors:RateLimits limit (PerKey, PerTenant) must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<IRateLimitOverrides, ConfiguredRateLimitOverrides>();
        services.TryAddSingleton<RateLimitGate>();
        return services;
    }

    private static bool AllPositive(RateLimitOptions options)
    {
        var limits = new[] { options.Submit, options.Read, options.Admin }
            .Concat(options.Tenants.Values.SelectMany(t => new[] { t.Submit, t.Read, t.Admin }))
            .OfType<RateLimitOptions.PolicyLimits>();
        return limits.All(l => (l.PerKey is null or >= 1) && (l.PerTenant is null or >= 1));
    }
}
