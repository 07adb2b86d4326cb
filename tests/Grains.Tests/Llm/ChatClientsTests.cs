using Actors.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Llm;

/// <summary>The silo's reused LLM clients are bounded: a tenant that keeps changing its endpoint, model or key cannot grow them without end.</summary>
public sealed class ChatClientsTests
{
    [Fact]
    public void Past_its_capacity_the_client_cache_starts_again_rather_than_grow()
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var clients = new ChatClients(services.GetRequiredService<IHttpClientFactory>());
        ProviderTarget Target(int n) => new("tenant-a", "tenant-a", "mine", ProviderEntry.Ollama, "http://127.0.0.1:9", $"model-{n}", null, ProviderLimits.None);

        var first = clients.For(Target(0));
        Assert.Same(first, clients.For(Target(0)));
        for (var n = 1; n <= ChatClients.Capacity + 10; n++)
        {
            clients.For(Target(n));
        }

        Assert.InRange(clients.Count, 1, ChatClients.Capacity);
    }
}
