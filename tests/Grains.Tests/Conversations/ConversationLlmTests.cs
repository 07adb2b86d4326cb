using System.Text.Json;
using Actors.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Llm;

namespace Actors.Grains.Tests.Conversations;

/// <summary>
/// Conversations whose tenant has an LLM chain (a loopback fake speaking the OpenAI protocol through the
/// real SDK client): the LLM routes and answers, answers are grounded in a real job's metrics, and the
/// rules take over whenever the LLM fails, is unusable or invents numbers.
/// </summary>
[Collection(LlmClusterCollection.Name)]
public sealed class ConversationLlmTests(LlmClusterFixture fixture)
{
    // The job runs without a narrative, so the fake's script is the conversation's alone.
    private static readonly Dictionary<string, string> NoNarrative = new() { ["llm"] = "false" };

    [Fact]
    public async Task AResultsAnswerQuotingARealMetricIsAcceptedAndItsCallsAreInTheLedger()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var (jobId, metrics) = await CompletedProcessJobAsync(tenant);
        var wait = metrics.GetProperty("activities").GetProperty("C").GetProperty("mean_wait_s").GetDouble();
        var quoted = Math.Round(wait, 1).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        openAi.Then(FakeReply.Answer("results", 40, 1), FakeReply.Answer($"C is the bottleneck: cases wait {quoted} s on average before it.", 300, 20));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, "Where do cases get stuck?");

        Assert.Equal(($"C is the bottleneck: cases wait {quoted} s on average before it.", "results", "llm", "llm", "passed"),
            (answer.Text, answer.Intent, answer.RoutedBy, answer.AnsweredBy, answer.Grounding));
        Assert.Equal([jobId], answer.References);
        // The answer was asked with the job's metrics in the prompt.
        Assert.Contains("bottleneck_activity", openAi.Requests[1].ToJsonString());
        var entries = await fixture.Client.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenant, fixture.Time.GetUtcNow())).Entries();
        Assert.Equal(["route", "answer"], entries.Select(e => e.Step));
        Assert.All(entries, e => Assert.Equal((id, "conversation", "primary", "gpt-test"), (e.JobId, e.AnalysisType, e.Provider, e.Model)));
        Assert.Equal(340 * 2.5m / 1_000_000 + 21 * 10m / 1_000_000, entries.Sum(e => e.CostUsd));
    }

    [Fact]
    public async Task AnAnswerInventingANumberIsAskedForAgainOnceThenTheRulesAnswerAndSaySo()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var (jobId, metrics) = await CompletedProcessJobAsync(tenant);
        openAi.Then(FakeReply.Answer("results"), FakeReply.Answer("C is the bottleneck, 42.7 s of waiting."), FakeReply.Answer("C is the bottleneck, 42.7 s, really."));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, "What is the bottleneck?");

        Assert.Equal(("results", "llm", "rules", "fallback"), (answer.Intent, answer.RoutedBy, answer.AnsweredBy, answer.Grounding));
        Assert.Contains("bottleneck is C", answer.Text);
        Assert.Contains(metrics.GetProperty("activities").GetProperty("C").GetProperty("mean_wait_s").GetRawText(), ConversationTests.Numbers(answer.Text));
        Assert.DoesNotContain("42.7", answer.Text);
        Assert.Equal(3, openAi.RequestCount);
        // The second try was told which number it invented.
        Assert.Contains("42.7", openAi.Requests[2]["messages"]!.AsArray()[^1]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task AnAnswerCorrectedOnTheSecondTryIsMarkedRegenerated()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        var (jobId, metrics) = await CompletedProcessJobAsync(tenant);
        var cases = metrics.GetProperty("cases").GetRawText();
        openAi.Then(FakeReply.Answer("results"), FakeReply.Answer("There were 917 cases."), FakeReply.Answer($"There were {cases} cases."));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(fixture.Client, tenant, id, "How many cases were there?");

        Assert.Equal(($"There were {cases} cases.", "llm", "regenerated"), (answer.Text, answer.AnsweredBy, answer.Grounding));
    }

    [Fact]
    public async Task TheLlmsClassificationDecidesTheIntent()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        openAi.Then(FakeReply.Answer(" New_Analysis. "), FakeReply.Answer("general"), FakeReply.Answer("Plan the review for Monday."));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant);
        const string question = "Could you look at last month's figures for us";
        Assert.Equal(QuestionIntent.General, QuestionRouter.Classify(question, null));

        var routed = await fixture.Client.GetGrain<IConversationResponder>(0).Route(tenant, id, question);
        var general = await ConversationTests.AskAsync(fixture.Client, tenant, id, "What should our team do next week?");

        Assert.Equal(new RoutedQuestion("new_analysis", "llm"), routed);
        Assert.Equal(("general", "llm", "llm", "Plan the review for Monday."), (general.Intent, general.RoutedBy, general.AnsweredBy, general.Text));
        Assert.Contains("Answer with the label only", openAi.Requests[0].ToJsonString());
    }

    [Fact]
    public async Task AGeneralAnswerReachesTheObserverAsTheLlmStreamsIt()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(openAi));
        openAi.Then(FakeReply.Answer("general"), FakeReply.Answer("Plan the review for Monday."));
        var id = await ConversationTests.OpenAsync(fixture.Client, tenant);
        var pieces = new CollectedAnswer();
        var observer = fixture.Client.CreateObjectReference<IAnswerObserver>(pieces);

        var answer = await fixture.Client.GetGrain<IConversationResponder>(0).Answer(new ConversationQuestion(tenant, id, "What should we do next week?", Observer: observer));

        Assert.Equal("Plan the review for Monday.", answer!.Text);
        // The fake streams an answer in two chunks; both reached the observer, in order, and nothing was reset.
        Assert.Equal(["Plan the revi", "ew for Monday."], pieces.Pieces);
        Assert.True(openAi.Requests[1]["stream"]!.GetValue<bool>());
        Assert.Equal(0, pieces.Resets);
        fixture.Client.DeleteObjectReference<IAnswerObserver>(observer);
    }

    [Fact]
    public async Task RulesRouteAndAnswerWhenTheLlmAnswersGarbageOrFails()
    {
        await using var garbage = await FakeLlmServer.StartAsync();
        garbage.Then(FakeReply.Answer("I would say this is probably a greeting"));
        var garbageTenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(garbage));
        await using var failing = await FakeLlmServer.StartAsync();
        var failingTenant = await fixture.TenantWithChainAsync(null, LlmClusterFixture.OpenAiEntry(failing));
        var (jobId, metrics) = await CompletedProcessJobAsync(failingTenant);

        var hello = await ConversationTests.AskAsync(fixture.Client, garbageTenant, await ConversationTests.OpenAsync(fixture.Client, garbageTenant), "Hello!");
        var bottleneck = await ConversationTests.AskAsync(fixture.Client, failingTenant, await ConversationTests.OpenAsync(fixture.Client, failingTenant, jobId), "What is the bottleneck?");

        Assert.Equal(("greeting", "rules", "rules"), (hello.Intent, hello.RoutedBy, hello.AnsweredBy));
        Assert.Equal(1, garbage.RequestCount);
        Assert.Equal(("results", "rules", "rules", null), (bottleneck.Intent, bottleneck.RoutedBy, bottleneck.AnsweredBy, bottleneck.Grounding));
        Assert.Contains(metrics.GetProperty("activities").GetProperty("C").GetProperty("mean_wait_s").GetRawText(), ConversationTests.Numbers(bottleneck.Text));
        // The routing call reached the provider (its retry too) before the rules took over.
        Assert.True(failing.RequestCount >= 2, $"Expected the failing provider to be asked, got {failing.RequestCount} requests.");
    }

    private async Task<(string JobId, JsonElement Metrics)> CompletedProcessJobAsync(string tenant)
    {
        var jobId = Requests.NewJobId();
        var job = fixture.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
        await job.Submit(Requests.Csv("process_analysis", ConversationTests.ProcessCsv, options: NoNarrative));
        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        var report = JsonDocument.Parse((await job.GetResult())!.ReportJson!).RootElement.Clone();
        return (jobId, report.GetProperty("metrics"));
    }

    private sealed class CollectedAnswer : IAnswerObserver
    {
        private readonly List<string> _pieces = [];

        public IReadOnlyList<string> Pieces
        {
            get
            {
                lock (_pieces)
                {
                    return [.. _pieces];
                }
            }
        }

        public int Resets { get; private set; }

        public Task Delta(string text)
        {
            lock (_pieces)
            {
                _pieces.Add(text);
            }
            return Task.CompletedTask;
        }

        public Task Reset()
        {
            Resets++;
            return Task.CompletedTask;
        }
    }
}
