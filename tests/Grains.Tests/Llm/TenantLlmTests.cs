using Actors.Grains.Tests.Infrastructure;
using Actors.Llm;
using Microsoft.Extensions.AI;

namespace Actors.Grains.Tests.Llm;

/// <summary>
/// The one LLM path every caller uses, called directly on a silo: the judge's verdict sends the answer
/// back once with its feedback, a refused second answer says why, each call is in the ledger under its
/// caller, the model preference reorders the chain, and a tenant without providers asks nobody.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class TenantLlmTests(LlmClusterFixture fixture)
{
    private static LlmQuestion Question(string tenant, string? preference = null) =>
        new(new LlmCaller(tenant, "job_1", "custom_analysis", "business_analyst", "answer"),
            [new ChatMessage(ChatRole.User, "Answer in JSON.")], new ChatOptions(), ModelPreference: preference);

    private static AnswerVerdict JsonOnly(string text) =>
        text.TrimStart().StartsWith('{') ? AnswerVerdict.Accepted : AnswerVerdict.Invalid(["The answer is not a JSON object."]);

    [Fact]
    public async Task AnInvalidAnswerIsSentBackOnceWithItsProblemAndTheCorrectedOneIsTakenAndBothArePaidFor()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.Answer("Sure! Here it is.", 50, 5), FakeReply.Answer("""{"ok":true}""", 60, 6));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var answer = await fixture.SiloService<TenantLlm>(0).AskGroundedAsync(Question(tenant), JsonOnly, CancellationToken.None);

        Assert.Equal(("""{"ok":true}""", GroundedAnswer.Regenerated, (string?)null), (answer.Text, answer.Grounding, answer.Reason));
        Assert.Equal(2, answer.Calls.Count);
        var feedback = openAi.Requests[1]["messages"]!.AsArray()[^1]!["content"]!.ToString();
        Assert.Contains("The answer is not a JSON object.", feedback);
        var entries = await fixture.Client.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow())).Entries();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("job_1", "custom_analysis", "business_analyst", "answer"), (e.JobId, e.AnalysisType, e.Agent, e.Step)));
        Assert.Equal([55L, 66L], entries.Select(e => e.InputTokens + e.OutputTokens));
    }

    [Fact]
    public async Task TwoInvalidAnswersAreRefusedAsInvalidOutputAndReplaced()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        openAi.Then(FakeReply.Answer("No."), FakeReply.Answer("Still no."));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));

        var answer = await fixture.SiloService<TenantLlm>(0).AskGroundedAsync(Question(tenant), JsonOnly, CancellationToken.None);

        Assert.Equal(((string?)null, GroundedAnswer.Replaced, LlmReasons.InvalidOutput), (answer.Text, answer.Grounding, answer.Reason));
        Assert.Equal(["The answer is not a JSON object."], answer.Issues);
        Assert.Equal(2, openAi.RequestCount);
    }

    [Fact]
    public async Task TheAgentsModelPreferenceIsAskedFirst()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        await using var ollama = await FakeLlmServer.StartAsync();
        ollama.Then(FakeReply.Answer("""{"from":"ollama"}"""));
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi), LlmClusterFixture.OllamaEntry(ollama));

        var answer = await fixture.SiloService<TenantLlm>(1).AskAsync(Question(tenant, preference: "llama-test"), CancellationToken.None);

        Assert.Equal("backup:llama-test", answer.Answer!.Target.Label);
        Assert.Equal(0, openAi.RequestCount);
        Assert.Equal(["answered"], answer.Tiers.Select(t => t.Outcome));
    }

    [Fact]
    public async Task ATenantWithoutProvidersAsksNobodyAndIsToldWhy()
    {
        var tenant = await fixture.TenantWithChainAsync(null);

        var plain = await fixture.SiloService<TenantLlm>(0).AskAsync(Question(tenant), CancellationToken.None);
        var grounded = await fixture.SiloService<TenantLlm>(0).AskGroundedAsync(Question(tenant), JsonOnly, CancellationToken.None);

        Assert.Equal((null, LlmReasons.NoProvider), (plain.Answer, plain.Reason));
        Assert.Equal((GroundedAnswer.NotRun, LlmReasons.NoProvider, 0), (grounded.Grounding, grounded.Reason, grounded.Calls.Count));
    }
}
