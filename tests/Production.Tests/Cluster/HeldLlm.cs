using Actors.Grains.Tests.Llm;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// The cluster's global LLM chain: one loopback OpenAI-compatible provider that holds every request
/// until released. A job waits at its narrative, running with its steps done, for as long as a fault
/// test needs, so what the test stops or kills is in flight however fast the machine is.
/// </summary>
public sealed class HeldLlm : IAsyncDisposable
{
    private readonly FakeLlmServer _server;

    private HeldLlm(FakeLlmServer server)
    {
        _server = server;
    }

    public static async Task<HeldLlm> StartAsync()
    {
        var server = await FakeLlmServer.StartAsync();
        // No numbers, so the narrative passes the grounding check and the job completes with it.
        server.Fallback = FakeReply.Answer("The figures vary from region to region.");
        server.Hold();
        return new HeldLlm(server);
    }

    /// <summary>The settings that make this provider the cluster's only LLM.</summary>
    public Dictionary<string, string> Settings(Dictionary<string, string>? others = null)
    {
        var settings = new Dictionary<string, string>(others ?? [])
        {
            ["Actors__Llm__Providers__held__Kind"] = "openai",
            ["Actors__Llm__Providers__held__Endpoint"] = _server.OpenAiEndpoint,
            ["Actors__Llm__Providers__held__Model"] = "gpt-test",
            ["Actors__Llm__Chain__0"] = "held",
        };
        return settings;
    }

    /// <summary>Waits until a job has asked for its narrative: it is running, its steps done, and cannot finish until <see cref="Release"/>.</summary>
    public Task UntilAskedAsync(int jobs = 1) =>
        Poll.UntilAsync(() => Task.FromResult(_server.RequestCount), asked => asked >= jobs, TimeSpan.FromSeconds(60), $"{jobs} job(s) to ask the LLM for their narrative");

    /// <summary>How many requests the provider has received.</summary>
    public int Asked => _server.RequestCount;

    public void Release() => _server.Release();

    /// <summary>Holds every request from now on again, after <see cref="Release"/>.</summary>
    public void Hold() => _server.Hold();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
