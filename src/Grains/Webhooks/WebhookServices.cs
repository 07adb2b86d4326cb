using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Webhooks;

public static class WebhookServices
{
    /// <summary>
    /// Webhook and callback deliveries: options from <c>Actors:Webhooks</c>, the target guard, the
    /// delivery HTTP client and the job observer that starts deliveries. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddActorsWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(WebhookTargetGuard)))
        {
            return services;
        }
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookTargetGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobObserver, WebhookJobObserver>());
        services.AddHttpClient(WebhookDeliveryGrain.HttpClientName, client =>
            {
                // Each attempt has its own timeout (WebhookOptions.AttemptTimeout).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Actors-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Every connection goes through the guard, to the addresses it checked.
                ConnectCallback = provider.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
                // A redirect could lead anywhere, and a proxy would make the connection for us.
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // Deliveries log their own lines, with tenant, job and delivery ids.
            .RemoveAllLoggers();
        return services;
    }
}
