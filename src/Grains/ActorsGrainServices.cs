using Actors.Analyses;
using Actors.Analyses.DataInterpretation;
using Actors.Analyses.Process;
using Actors.Analyses.Trend;
using Actors.Analyses.Optimization;
using Actors.Analyses.Custom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors;

public static class ActorsGrainServices
{
    /// <summary>Registers what the grains need: options bound from configuration and the analysis catalog.</summary>
    public static IServiceCollection AddActorsGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>()
            .Bind(configuration.GetSection(JobOptions.Section))
            .Validate(o => o.EventDeliveryInterval > TimeSpan.Zero, "Actors:Jobs:EventDeliveryInterval must be positive; the default is 00:00:00.020.")
            .Validate(o => o.ApprovalTimeout > TimeSpan.Zero, "Actors:Jobs:ApprovalTimeout must be positive; the default is 1.00:00:00.")
            .Validate(o => Actors.Teams.ApprovalDecision.Answers.Contains(o.ApprovalTimeoutPolicy), "Actors:Jobs:ApprovalTimeoutPolicy is approve or reject; the default is reject.")
            .ValidateOnStart();
        services.Configure<QueueOptions>(configuration.GetSection(QueueOptions.Section));
        services.Configure<Actors.Conversations.ConversationOptions>(configuration.GetSection(Actors.Conversations.ConversationOptions.Section));
        services.Configure<Actors.Tenants.TenantDefaults>(configuration.GetSection(Actors.Tenants.TenantDefaults.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICompletionLedger, NoCompletionLedger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAnalysis, DataInterpretationAnalysis>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAnalysis, ProcessAnalysis>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAnalysis, TrendAnalysis>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAnalysis, OptimizationReviewAnalysis>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAnalysis, CustomAnalysis>());
        if (configuration.GetSection(Actors.Analyses.Bench.BenchOptions.Section).Get<Actors.Analyses.Bench.BenchOptions>()?.Enabled == true)
        {
            // The peer benchmark's job shape; kept out of the catalog unless asked for.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IAnalysis, Actors.Analyses.Bench.BenchEchoAnalysis>());
        }
        services.TryAddSingleton<AnalysisCatalog>();
        services.TryAddSingleton<LocalTenants>();
        Actors.Observability.ActorsTelemetry.AddActorsJobMetrics(services);
        Actors.Webhooks.WebhookServices.AddActorsWebhooks(services, configuration);
        services.Configure<Actors.Batches.BatchOptions>(configuration.GetSection(Actors.Batches.BatchOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobObserver, Actors.Batches.BatchJobObserver>());
        Actors.RateLimits.RateLimitServices.AddActorsRateLimitClock(services);
        Actors.Llm.LlmServices.AddActorsLlm(services, configuration);
        Actors.Conversations.ConversationServices.AddActorsConversations(services);
        Actors.Audit.AuditServices.AddActorsAudit(services, configuration);
        return services;
    }
}
