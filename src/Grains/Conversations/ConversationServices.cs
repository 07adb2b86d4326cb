using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Conversations;

public static class ConversationServices
{
    /// <summary>What conversations need beside their grains: the tenant's retention, and the LLM router, general answers and the answering agent (on the LLM tier's chain).</summary>
    public static IServiceCollection AddActorsConversations(this IServiceCollection services)
    {
        services.TryAddSingleton<ConversationRetention>();
        services.TryAddSingleton<LlmRouter>();
        services.TryAddSingleton<LlmAnswers>();
        services.TryAddSingleton<ConversationAgent>();
        return services;
    }
}
