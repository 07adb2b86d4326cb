using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Llm;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Llm;

/// <summary>
/// A two-silo cluster for the LLM tests: one breaker failure opens a circuit, a 1-minute cool-down
/// passed by moving <see cref="Time"/>, fast retries, and prices for the fake models. Each test gives
/// its own tenant its own chain (pointing at its own fake servers), so breakers never cross tests.
/// </summary>
public sealed class LlmClusterFixture : IAsyncLifetime
{
    public const decimal GptInputPerMillion = 2.5m;
    public const decimal GptOutputPerMillion = 10m;

    public ShiftableTime Time { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = await TestClusters.StartAsync(2, new Dictionary<string, string?>
        {
            ["Actors:Llm:MaxRetries"] = "1",
            ["Actors:Llm:RetryBaseDelay"] = "00:00:00.010",
            ["Actors:Llm:CallTimeout"] = "00:00:10",
            ["Actors:Llm:HealthRefresh"] = "00:00:00.200",
            ["Actors:Llm:Breaker:ConsecutiveFailures"] = "1",
            ["Actors:Llm:Breaker:CoolDown"] = "00:01:00",
            ["Actors:Llm:Prices:gpt-test:InputPerMillion"] = GptInputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Actors:Llm:Prices:gpt-test:OutputPerMillion"] = GptOutputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
            // The tenants' chains point at the fake servers, on loopback.
            ["Actors:Llm:AllowPrivateEndpoints"] = "true",
        }, configureSilo: silo => silo.Services.AddSingleton<TimeProvider>(Time));
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public T SiloService<T>(int silo) where T : notnull => Cluster.Silos[silo].ServiceProvider.GetRequiredService<T>();

    public static ProviderEntry OpenAiEntry(FakeLlmServer server, string name = "primary") =>
        new(name, ProviderEntry.OpenAi, server.OpenAiEndpoint, "gpt-test", null, null, null);

    public static ProviderEntry OllamaEntry(FakeLlmServer server, string name = "backup") =>
        new(name, ProviderEntry.Ollama, server.BaseUrl, "llama-test", null, null, null);

    public async Task<string> TenantWithChainAsync(decimal? budget, params ProviderEntry[] chain)
    {
        var tenant = Requests.NewTenant();
        await Client.GetGrain<ITenantProviders>(tenant).Put(new TenantLlmSettings(chain, budget));
        return tenant;
    }

    /// <summary>
    /// Runs a data-interpretation job over the small CSV to its end and returns its report. Its team's agent
    /// steps are switched off (<c>agents=false</c>) unless the options say otherwise: these jobs test the
    /// narrative, whose calls are then the only ones the fake sees.
    /// </summary>
    public async Task<JsonObject> RunJobAsync(string tenant, IReadOnlyDictionary<string, string>? options = null)
    {
        var job = Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));
        var chosen = new Dictionary<string, string>(options ?? new Dictionary<string, string>());
        chosen.TryAdd("agents", "false");
        await job.Submit(Requests.Csv(options: chosen));
        var final = await Eventually.Terminal(job);
        Assert.Equal(JobStatus.Completed, final!.Status);
        var result = await job.GetResult();
        return JsonNode.Parse(result!.ReportJson!)!.AsObject();
    }

    public Task<ProviderHealth> HealthAsync(string tenant, string entry, string model) =>
        Client.GetGrain<IProvider>($"{tenant}/{entry}/{model}").GetHealth();
}

[CollectionDefinition(Name)]
public sealed class LlmClusterCollection : ICollectionFixture<LlmClusterFixture>
{
    public const string Name = "llm cluster";
}
