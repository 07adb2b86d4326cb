using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Llm;

public static class LlmServices
{
    /// <summary>The LLM tier: options, HTTP client, chat clients, per-silo health view, chain, the tenants' LLM, narrator, cache, prices, secrets.</summary>
    public static IServiceCollection AddActorsLlm(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LlmOptions>(configuration.GetSection(LlmOptions.Section));
        services.TryAddTransient<ProviderStatusHandler>();
        services.AddHttpClient(ChatClients.HttpClientName).AddHttpMessageHandler<ProviderStatusHandler>();
        services.TryAddSingleton<ChatClients>();
        services.TryAddSingleton(sp =>
        {
            var cache = ActivatorUtilities.CreateInstance<ProviderHealthCache>(sp);
            Actors.Observability.ActorsMetrics.ObserveBreakers(cache.BreakerStates);
            return cache;
        });
        services.TryAddSingleton<PriceTable>();
        services.TryAddSingleton<ResponseCache>();
        services.TryAddSingleton(sp => new SecretBox(configuration));
        services.TryAddSingleton<TenantChains>();
        services.TryAddSingleton<LlmChain>();
        services.TryAddSingleton<TenantLlm>();
        services.TryAddSingleton<Narrator>();
        return services;
    }
}
