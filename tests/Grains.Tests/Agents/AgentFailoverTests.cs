using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Llm;
using Orleans.TestingHost;
using static Actors.Grains.Tests.Agents.FakeAgents;

namespace Actors.Grains.Tests.Agents;

/// <summary>
/// A silo killed between two agent steps of a job, in a two-silo cluster whose state and reminders are
/// shared (as with PostgreSQL): the job resumes on the other silo at the second step, and the fake LLM,
/// which counts what it is asked, never sees the first step's finished call again.
/// </summary>
public sealed class AgentFailoverTests : IAsyncLifetime
{
    private const string Sales = "region,revenue\nnorth,100\nsouth,200\nnorth,300\neast,90\n";
    private const string NoNumbers = """
        {"summary":"The question asks which region earns the most.","findings":[{"title":"A question of regions","severity":"info",
          "detail":"It compares regions by revenue.","evidence":[]}],"recommendations":[]}
        """;

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(2, new Dictionary<string, string?>
    {
        ["Actors:Llm:MaxRetries"] = "0",
        ["Actors:Llm:CallTimeout"] = "00:00:30",
        ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
        ["Actors:Llm:AllowPrivateEndpoints"] = "true",
    }, sharedState: true, configureSilo: TestClusters.PlaceAtRandom);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string Team(string nonce) => new JsonObject
    {
        ["name"] = "two_agents",
        ["analysis_type"] = "custom_analysis",
        ["strategy"] = "sequential",
        ["steps"] = new JsonArray(
            new JsonObject { ["tool"] = "profile", ["agent"] = "data_interpreter" },
            new JsonObject { ["tool"] = "intent", ["agent"] = "business_analyst", ["depends_on"] = new JsonArray("profile"), ["goal"] = $"First {nonce}: say what the question asks." },
            new JsonObject { ["tool"] = "answer", ["agent"] = "business_analyst", ["depends_on"] = new JsonArray("profile", "intent"), ["goal"] = $"Second {nonce}: answer it." },
            new JsonObject { ["tool"] = "report", ["agent"] = "report_writer", ["depends_on"] = new JsonArray("profile", "intent", "answer") }),
    }.ToJsonString();

    [Fact]
    public async Task ASiloKilledBetweenTwoAgentStepsResumesAtTheSecondAndNeverRepaysTheFirst()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        using var testOver = new CancellationTokenSource();
        var held = new ConcurrentDictionary<string, TaskCompletionSource>();
        var seconds = new ConcurrentDictionary<string, int>();
        openAi.Answering = async (request, aborted) =>
        {
            var user = User(request);
            if (user.Contains("Task: Second ", StringComparison.Ordinal))
            {
                var nonce = user.Split(' ')[2].TrimEnd(':');
                if (seconds.AddOrUpdate(nonce, 1, (_, n) => n + 1) == 1)
                {
                    // The first attempt at the second step is held, so the silo dies with it in flight.
                    held.GetOrAdd(nonce, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(aborted, testOver.Token);
                    await Task.Delay(Timeout.Infinite, either.Token);
                }
                return FakeReply.Answer(NoNumbers, 200, 40);
            }
            return user.Contains("Task: First ", StringComparison.Ordinal) ? FakeReply.Answer(NoNumbers, 100, 20)
                : IsNarrative(request) ? FakeReply.Answer("The north leads.", 50, 5) : null;
        };
        var tenant = Requests.NewTenant();
        await _cluster.Client.GetGrain<ITenantProviders>(tenant).Put(new TenantLlmSettings(
            [new ProviderEntry("primary", ProviderEntry.OpenAi, openAi.OpenAiEndpoint, "gpt-test", null, null, null)], null));
        var (job, nonce, host) = await StartOnTheSecondSiloAsync(tenant, held);

        await _cluster.KillSiloAsync(host);
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(90));
        testOver.Cancel();

        Assert.Equal(JobStatus.Completed, final!.Status);
        Assert.Equal(2, final.Attempts);
        // The first agent step's one call was checkpointed before the kill: the resumed job did not ask it again.
        Assert.Equal(1, Count(openAi, r => User(r).Contains($"Task: First {nonce}:", StringComparison.Ordinal)));
        Assert.True(seconds[nonce] >= 2, "the second step is asked again after the kill");
        var report = JsonNode.Parse((await job.GetResult())!.ReportJson!)!.AsObject();
        var steps = report["provenance"]!["steps"]!.AsArray();
        Assert.Equal(["llm", "llm"], new[] { "intent", "answer" }.Select(n => steps.Single(s => s!["name"]!.GetValue<string>() == n)!["engine"]!.GetValue<string>()));
        Assert.Equal(120L, steps.Single(s => s!["name"]!.GetValue<string>() == "intent")!["tokens"]!.GetValue<long>());
        Assert.Contains((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Progress && e.Message!.Contains("resumed"));
    }

    /// <summary>Submits jobs until one waits at its second agent step on the secondary silo (a job on the primary is cancelled and left).</summary>
    private async Task<(IAnalysisJob Job, string Nonce, InProcessSiloHandle Host)> StartOnTheSecondSiloAsync(string tenant, ConcurrentDictionary<string, TaskCompletionSource> held)
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var nonce = "n" + Guid.NewGuid().ToString("N")[..8];
            var entered = held.GetOrAdd(nonce, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, Requests.NewJobId()));
            await job.Submit(Requests.Csv("custom_analysis", Sales, options: new Dictionary<string, string> { ["llm_cache"] = "false" })
                with { Question = "Which region earns the most?", TeamJson = Team(nonce) });
            await Eventually.Signal(entered.Task, "the job to ask for its second agent step");
            var address = await management.GetActivationAddress(job);
            var host = _cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
            if (host is not null && host != _cluster.Silos[0])
            {
                return (job, nonce, host);
            }
            await job.Cancel();
        }
        throw new InvalidOperationException("No job was placed on the secondary silo in 30 tries.");
    }
}
