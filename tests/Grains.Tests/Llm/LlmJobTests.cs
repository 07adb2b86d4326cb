using System.Net;
using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Llm;

namespace Actors.Grains.Tests.Llm;

/// <summary>
/// Jobs whose tenant has an LLM chain: narratives grounded in the metrics, the chain falling through
/// to the next provider and to the statistical engine, breakers shared by the silos, cost and cache.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class LlmJobTests(LlmClusterFixture fixture)
{
    private static readonly Dictionary<string, string> NoCache = new() { ["llm_cache"] = "false" };

    private static string Engine(JsonObject report) => report["provenance"]!["engine"]!.GetValue<string>();

    private static JsonArray Tiers(JsonObject report) => report["provenance"]!["narrative"]!["tiers"]!.AsArray();

    [Fact]
    public async Task ANarrativeWrittenWithToolsIsGroundedAndItsTokensAndCostAreInTheReportAndLedger()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(
            FakeReply.ToolCall("ratio", """{"numerator":5,"denominator":3}""", 80, 10),
            FakeReply.Answer("The data has 5 rows, 1.6667 rows per column.", 100, 20));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var report = await fixture.RunJobAsync(tenant);

        Assert.Equal("The data has 5 rows, 1.6667 rows per column.", report["summary"]!.GetValue<string>());
        Assert.Equal("primary:gpt-test", Engine(report));
        Assert.Equal("passed", report["narrative"]!["grounding"]!.GetValue<string>());
        Assert.StartsWith("The data has 5 rows and 3 columns", report["narrative"]!["statistical_summary"]!.GetValue<string>());
        // Hand-computed: 180 input tokens at 2.5 USD/M plus 30 output tokens at 10 USD/M.
        const decimal expectedCost = 180 * 2.5m / 1_000_000 + 30 * 10m / 1_000_000;
        Assert.Equal(0.00075m, expectedCost);
        Assert.Equal(180, report["usage"]!["input_tokens"]!.GetValue<long>());
        Assert.Equal(30, report["usage"]!["output_tokens"]!.GetValue<long>());
        Assert.Equal(expectedCost, report["usage"]!["cost_usd"]!.GetValue<decimal>());

        var month = IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow());
        var entries = await fixture.Client.GetGrain<IUsageLedger>(month).Entries();
        var entry = Assert.Single(entries);
        Assert.Equal(("primary", "gpt-test", "report_writer", "report", "data_interpretation"), (entry.Provider, entry.Model, entry.Agent, entry.Step, entry.AnalysisType));
        Assert.Equal((180L, 30L, expectedCost, false), (entry.InputTokens, entry.OutputTokens, entry.CostUsd, entry.Cached));
        Assert.Equal(expectedCost, await fixture.Client.GetGrain<IUsageLedger>(month).TotalCost());
    }

    [Fact]
    public async Task ServerErrorsOpenTheBreakerAndTheChainFallsThroughToTheNextProviderThenToTheStatisticalEngine()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        await using var ollama = await FakeLlmServer.StartAsync();
        ollama.Then(FakeReply.Answer("The data has 5 rows.", 30, 6));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi), LlmClusterFixture.OllamaEntry(ollama));

        var first = await fixture.RunJobAsync(tenant);

        Assert.Equal("backup:llama-test", Engine(first));
        Assert.Equal("The data has 5 rows.", first["summary"]!.GetValue<string>());
        Assert.Equal("http_500", Tiers(first)[0]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, Tiers(first)[0]!["retries"]!.GetValue<int>());
        Assert.Equal(2, openAi.RequestCount);
        Assert.Equal(0m, first["usage"]!["cost_usd"]!.GetValue<decimal>());
        await Eventually.Until(() => fixture.HealthAsync(tenant, "primary", "gpt-test"), h => h.State == BreakerState.Open, "the primary's circuit to open");

        var second = await fixture.RunJobAsync(tenant, NoCache);

        Assert.Equal("statistical", Engine(second));
        Assert.Equal("all_providers_failed", second["narrative"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("The data has 5 rows and 3 columns", second["summary"]!.GetValue<string>());
        Assert.Equal(["circuit_open", "http_500"], Tiers(second).Select(t => t!["outcome"]!.GetValue<string>()));
        Assert.Equal(2, openAi.RequestCount);
    }

    [Fact]
    public async Task AnOpenCircuitHalfOpensAfterItsCoolDownAndASuccessfulProbeClosesIt()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var failed = await fixture.RunJobAsync(tenant);
        Assert.Equal("statistical", Engine(failed));
        await Eventually.Until(() => fixture.HealthAsync(tenant, "primary", "gpt-test"), h => h.State == BreakerState.Open, "the circuit to open");

        fixture.Time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(BreakerState.HalfOpen, (await fixture.HealthAsync(tenant, "primary", "gpt-test")).State);
        openAi.Then(FakeReply.Answer("The data has 5 rows.", 10, 2));
        // Silos may still hold the open view for one refresh; wait until a job gets the probe through.
        var recovered = await Eventually.Until(() => fixture.RunJobAsync(tenant, NoCache), r => Engine(r) == "primary:gpt-test", "a probe to reach the provider");

        Assert.Equal("The data has 5 rows.", recovered["summary"]!.GetValue<string>());
        await Eventually.Until(() => fixture.HealthAsync(tenant, "primary", "gpt-test"), h => h.State == BreakerState.Closed, "the circuit to close");
    }

    [Fact]
    public async Task ABreakerOpenedOnOneSiloIsHonouredByTheOther()
    {
        var key = $"{Requests.NewTenant()}/primary/gpt-test";
        var first = fixture.SiloService<ProviderHealthCache>(0);
        var second = fixture.SiloService<ProviderHealthCache>(1);
        Assert.Equal(BreakerState.Closed, (await second.ReadAsync(key)).State);

        first.Report(key, new ProviderOutcome(false, "http_500: fake", null, 0, 0, ProviderLimits.None));

        var seen = await Eventually.Until(() => second.ReadAsync(key), h => h.State == BreakerState.Open, "the other silo to see the circuit open");
        Assert.False(seen.Accepts(fixture.Time.GetUtcNow()));
        Assert.Equal("http_500: fake", seen.LastError);
    }

    [Fact]
    public async Task AnInventedNumberIsSentBackOnceThenTheStatisticalSummaryReplacesIt()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.Answer("Revenue grew 42.7% across 5 rows."), FakeReply.Answer("Revenue grew 42.7% again."));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var report = await fixture.RunJobAsync(tenant);

        Assert.Equal("statistical", Engine(report));
        Assert.Equal("replaced", report["narrative"]!["grounding"]!.GetValue<string>());
        Assert.Equal("invented_numbers", report["narrative"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("The data has 5 rows and 3 columns", report["summary"]!.GetValue<string>());
        Assert.Contains("42.7", report["narrative"]!["issues"]![0]!.GetValue<string>());
        Assert.Equal(2, openAi.RequestCount);
        var feedback = openAi.Requests[1]["messages"]!.AsArray().Last()!["content"]!.ToString();
        Assert.Contains("42.7", feedback);
        // Both calls were paid for, and the report says so.
        Assert.Equal(2, report["usage"]!["calls"]!.AsArray().Count);
    }

    [Fact]
    public async Task ARegeneratedNarrativeThatDropsTheInventedNumberIsKept()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.Answer("Sales rose 12 points."), FakeReply.Answer("The data has 5 rows."));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var report = await fixture.RunJobAsync(tenant);

        Assert.Equal("primary:gpt-test", Engine(report));
        Assert.Equal("regenerated", report["narrative"]!["grounding"]!.GetValue<string>());
        Assert.Equal("The data has 5 rows.", report["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSameQuestionIsAnsweredFromTheTenantsCacheUnlessBypassed()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Fallback = FakeReply.Answer("The data has 5 rows.", 100, 20);
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var other = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        await fixture.RunJobAsync(tenant);
        var cached = await fixture.RunJobAsync(tenant);
        Assert.Equal(1, openAi.RequestCount);
        Assert.True(cached["usage"]!["calls"]![0]!["cached"]!.GetValue<bool>());
        Assert.Equal(0m, cached["usage"]!["cost_usd"]!.GetValue<decimal>());
        Assert.Equal("The data has 5 rows.", cached["summary"]!.GetValue<string>());

        await fixture.RunJobAsync(other);
        Assert.Equal(2, openAi.RequestCount);
        await fixture.RunJobAsync(tenant, NoCache);
        Assert.Equal(3, openAi.RequestCount);
    }

    [Fact]
    public async Task ATenantOverItsMonthlyBudgetGetsTheStatisticalEngineAndIsTold()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Fallback = FakeReply.Answer("The data has 5 rows.", 100, 20);
        var tenant = await fixture.TenantWithChainAsync(0.0003m, LlmClusterFixture.OpenAiEntry(openAi));

        var paid = await fixture.RunJobAsync(tenant);
        Assert.Equal("primary:gpt-test", Engine(paid));
        Assert.Equal(0.00045m, paid["usage"]!["cost_usd"]!.GetValue<decimal>());

        var overBudget = await fixture.RunJobAsync(tenant, NoCache);

        Assert.Equal("statistical", Engine(overBudget));
        Assert.Equal("budget_reached", overBudget["narrative"]!["reason"]!.GetValue<string>());
        Assert.Equal(1, openAi.RequestCount);
    }
}
