using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Actors.Webhooks;

namespace Actors.Llm;

public static class LlmServices
{
    /// <summary>The LLM tier: options, HTTP client, chat clients, per-silo health view, chain, the tenants' LLM, narrator, agent loop, cache, prices, secrets.</summary>
    public static IServiceCollection AddActorsLlm(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LlmOptions>(configuration.GetSection(LlmOptions.Section));
        services.TryAddTransient<ProviderStatusHandler>();
        // Tenants choose their endpoints: every connection goes through the webhooks' address guard
        // (Actors:Llm:AllowPrivateEndpoints lifts it), to the very addresses it checked, so an endpoint
        // that was public when registered cannot be turned to an internal one later through DNS; a
        // redirect could lead anywhere and a proxy would make the connection for us, so neither is used.
        services.TryAddKeyedSingleton(ChatClients.HttpClientName, (sp, _) => new WebhookTargetGuard(
            Options.Create(new WebhookOptions { AllowPrivateTargets = sp.GetRequiredService<IOptions<LlmOptions>>().Value.AllowPrivateEndpoints })));
        services.AddHttpClient(ChatClients.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredKeyedService<WebhookTargetGuard>(ChatClients.HttpClientName).ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .AddHttpMessageHandler<ProviderStatusHandler>();
        // The operator's own configuration (a local Ollama is fine), through the system proxy if one is set; no redirects either.
        services.AddHttpClient(ChatClients.OperatorHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddHttpMessageHandler<ProviderStatusHandler>();
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
        services.TryAddSingleton<Actors.Agents.AgentLoop>();
        services.TryAddSingleton<Actors.Agents.AgentSteps>();
        services.TryAddSingleton<Actors.Agents.AgentConsensus>();
        services.TryAddSingleton<Actors.Agents.TeamLead>();
        return services;
    }
}
