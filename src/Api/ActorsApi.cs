using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Actors.Analyses;
using Actors.Api.Agents;
using Actors.Api.Analyses;
using Actors.Api.Audit;
using Actors.Api.Teams;
using Actors.Api.Auth;
using Actors.Api.Hosting;
using Actors.Api.Observability;
using Actors.Api.Problems;
using Actors.Api.Security;
using Actors.Api.Dashboard;
using Actors.Api.Logging;
using Actors.Api.OpenApi;
using Actors.Api.RateLimits;
using Actors.Api.Tenancy;
using Actors.Api.WebConsole;
using Actors.Silo;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using Serilog;

namespace Actors.Api;

/// <summary>Builds the Actors node: the HTTP API with its co-hosted silo (the embedded default).</summary>
public static class ActorsApi
{
    /// <summary>The API's settings sections, checked at start with the node's (<see cref="SettingsCheck"/>).</summary>
    private static readonly (string, Type)[] ApiSections =
    [
        (AuthOptions.Section, typeof(AuthOptions)),
        (JwtSettings.Section, typeof(JwtSettings)),
        (ApiOptions.Section, typeof(ApiOptions)),
        (EventStreamOptions.Section, typeof(EventStreamOptions)),
        (DashboardSettings.Section, typeof(DashboardSettings)),
        (Actors.Api.Limits.InputLimits.Section, typeof(Actors.Api.Limits.InputLimits)),
        (CorsSettings.Section, typeof(CorsSettings)),
        (ClientAddressOptions.Section, typeof(ClientAddressOptions)),
    ];

    /// <param name="args">Command-line arguments; any configuration key can be given as <c>--Actors:Jobs:Timeout=00:05:00</c>.</param>
    /// <param name="configure">A last say over the builder (tests add services here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        if (OpenApi.BuildTimeDocument.IsRunning)
        {
            configuration.AddInMemoryCollection(OpenApi.BuildTimeDocument.Settings());
        }
        SettingsCheck.ThrowIfInvalid(configuration, ApiSections, ClientAddressOptions.ProblemsIn);

        builder.AddActorsLogging();

        // Embedded: the API co-hosts the silo. Production: silos run apart and the API is their client,
        // unless Actors:Cluster:ApiHostsSilo makes this node a silo of the cluster too.
        var cluster = ClusterSettings.From(configuration);
        if (cluster is { Mode: ClusterMode.Production, ApiHostsSilo: false })
        {
            builder.UseOrleansClient(client => client.AddActorsClient(configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.AddActors(configuration));
        }

        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes);
        builder.Services.Configure<EventStreamOptions>(configuration.GetSection(EventStreamOptions.Section));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        builder.Services.AddActorsProblemDetails();
        builder.Services.AddActorsAuthorization(configuration, builder.Environment);
        builder.Services.AddActorsConsole(configuration);
        builder.Services.AddActorsRateLimits(configuration);
        builder.Services.AddSingleton<Actors.RateLimits.ConfiguredRateLimitOverrides>();
        builder.Services.Replace(ServiceDescriptor.Singleton<Actors.RateLimits.IRateLimitOverrides, TenantRateLimitOverrides>());
        builder.Services.AddSingleton<OpenStreams>();
        // The submit path reads the queue limits; an API node that is only a client has no silo to bind them.
        builder.Services.Configure<Actors.Jobs.QueueOptions>(configuration.GetSection(Actors.Jobs.QueueOptions.Section));
        builder.Services.AddSingleton<SubmissionReader>();
        builder.Services.AddSingleton<UploadReader>();
        builder.Services.AddSingleton<JobSubmitter>();
        builder.Services.AddSingleton<Actors.Api.Batches.BatchSubmitter>();
        builder.Services.AddSingleton<Actors.Api.Conversations.ConversationAnalyses>();
        builder.Services.AddSingleton<TenantAgentDirectory>();
        builder.Services.AddSingleton<TeamDirectory>();
        builder.Services.AddOpenApi();
        builder.Services.AddActorsApiDocumentation();
        builder.AddActorsDashboard();
        // Singletons, so each check's cached answer outlives a request.
        builder.Services.AddSingleton<ClusterHealthCheck>();
        var health = builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("orleans", tags: ["ready"]);
        if (cluster is { Mode: ClusterMode.Production } production)
        {
            builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(production.PostgresConnectionString!));
            builder.Services.AddSingleton(_ => new RedisHealthCheck(production.RedisConnectionString!));
            builder.Services.AddSingleton<PostgresHealthCheck>();
            health.AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
            health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        builder.AddActorsTelemetry();

        // After UseOrleans: hosted services start in order, so the silo is up before the demo key is registered.
        builder.Services.AddSingleton<DemoTenant>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DemoTenant>());
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddActorsAuditWriter(configuration);
        builder.Services.AddActorsCors(configuration);
        builder.Services.AddActorsClientAddresses(configuration);
        builder.Services.Configure<Actors.Api.Limits.InputLimits>(configuration.GetSection(Actors.Api.Limits.InputLimits.Section));

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseActorsForwardedHeaders();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseActorsSecurity();
        app.UseAuditLog();
        app.UseActorsRequestLogging();
        app.UseActorsExceptionHandler();
        app.UseStatusCodePages();
        app.UseActorsAddressLimit();
        app.UseAuthentication();
        app.UseConsoleCsrfCheck();
        app.UseRequestLogProperties();
        app.UseTenantStatusCheck();
        app.UseAuthorization();
        app.UseActorsRateLimits();
        Actors.Api.Limits.HostileIds.UseHostileIdGuard(app);

        app.MapAnalyses();
        app.MapApprovals();
        Actors.Api.Batches.BatchEndpoints.MapBatches(app);
        app.MapTenantEvents();
        app.MapAgents();
        app.MapBusinessContext();
        app.MapTeams();
        Actors.Api.Conversations.ConversationEndpoints.MapConversations(app);
        app.MapAudit();
        app.MapTenants();
        app.MapKeys();
        Actors.Api.Webhooks.WebhookEndpoints.MapWebhooks(app);
        Actors.Api.Webhooks.WebhookRedeliveries.MapWebhookRedeliveries(app);
        Actors.Api.Llm.ProviderEndpoints.MapProviders(app);
        // The public endpoints, each named as such: everything else needs credentials (the fallback policy).
        app.MapOpenApi().AllowAnonymous();
        app.MapActorsApiReference().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapActorsMetrics().AllowAnonymous();
        app.MapActorsDashboard();
        app.MapConsole();
        return app;
    }
}
