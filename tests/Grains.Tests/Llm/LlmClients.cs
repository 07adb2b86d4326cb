using Actors.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Llm;

/// <summary>The production chat clients (real SDKs, real HTTP pipeline) built outside a cluster, for protocol-level tests.</summary>
public static class LlmClients
{
    public static ChatClients Create()
    {
        var services = new ServiceCollection().AddLogging();
        // A tenant's entries go through the address guard; the fakes listen on loopback.
        services.AddActorsLlm(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Llm:AllowPrivateEndpoints"] = "true",
        }).Build());
        return services.BuildServiceProvider().GetRequiredService<ChatClients>();
    }

    public static ProviderTarget OpenAi(FakeLlmServer server, string model = "gpt-test") =>
        new("test", "test", "primary", ProviderEntry.OpenAi, server.OpenAiEndpoint, model, "sk-test-key", ProviderLimits.None);

    public static ProviderTarget Ollama(FakeLlmServer server, string model = "llama-test") =>
        new("test", "test", "local", ProviderEntry.Ollama, server.BaseUrl, model, null, ProviderLimits.None);
}
