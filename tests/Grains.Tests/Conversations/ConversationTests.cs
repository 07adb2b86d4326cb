using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Conversations;

/// <summary>Conversations on one silo, answered by rules from a real completed process analysis.</summary>
public sealed class ConversationTests : IAsyncLifetime
{
    // Three cases (seconds): waits before B: 10, 20, 5, 20 (mean 13.75); before C: 30, 30, 10 (mean 23.33…): C is the bottleneck.
    public const string ProcessCsv = "case_id,activity,timestamp\nc1,A,0\nc1,B,10\nc1,C,40\nc2,A,0\nc2,B,20\nc2,C,50\nc3,A,0\nc3,B,5\nc3,B,25\nc3,C,35\n";

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AFiveTurnConversationKeepsItsTopicAcrossFollowUps()
    {
        var tenant = Requests.NewTenant();
        var (jobId, metrics) = await CompletedProcessJobAsync(_cluster.Client, tenant);
        var id = await OpenAsync(_cluster.Client, tenant, jobId);
        var bottleneck = metrics.GetProperty("bottleneck_activity").GetString()!;
        var bottleneckWait = metrics.GetProperty("activities").GetProperty(bottleneck).GetProperty("mean_wait_s").GetRawText();
        var bWait = metrics.GetProperty("activities").GetProperty("B").GetProperty("mean_wait_s").GetRawText();

        var hello = await AskAsync(_cluster.Client, tenant, id, "Hello!");
        var first = await AskAsync(_cluster.Client, tenant, id, "What is the bottleneck?");
        var followUp = await AskAsync(_cluster.Client, tenant, id, "And its waiting time?");
        var other = await AskAsync(_cluster.Client, tenant, id, "What about the waiting time of B?");
        var general = await AskAsync(_cluster.Client, tenant, id, "Write me a poem about our company culture");

        Assert.Equal("greeting", hello.Intent);
        Assert.Equal("results", first.Intent);
        Assert.Contains($"bottleneck is {bottleneck}", first.Text);
        Assert.Contains(bottleneckWait, Numbers(first.Text));
        // "its" refers to the bottleneck of the previous answer.
        Assert.Contains($"before {bottleneck}", followUp.Text);
        Assert.Contains(bottleneckWait, Numbers(followUp.Text));
        Assert.Contains("before B", other.Text);
        Assert.Contains(bWait, Numbers(other.Text));
        Assert.Equal("general", general.Intent);
        Assert.Contains("needs a language model", general.Text);
        Assert.Equal([jobId], first.References);

        var view = await _cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id)).Get();
        Assert.Equal(10, view!.MessageCount);
        Assert.Equal(10, view.Messages.Count);
        Assert.Equal("And its waiting time?", view.Messages[4].Text);
    }

    [Fact]
    public async Task QuestionsAreAnsweredWithTheReportsOwnNumbers()
    {
        var tenant = Requests.NewTenant();
        var (jobId, metrics) = await CompletedProcessJobAsync(_cluster.Client, tenant);
        var id = await OpenAsync(_cluster.Client, tenant, jobId);

        var cycle = await AskAsync(_cluster.Client, tenant, id, "What is the cycle time?");
        var rework = await AskAsync(_cluster.Client, tenant, id, "How much rework is there?");
        var automate = await AskAsync(_cluster.Client, tenant, id, "Which step should we automate first?");
        var findings = await AskAsync(_cluster.Client, tenant, id, "What are the main findings?");
        var rerun = await AskAsync(_cluster.Client, tenant, id, "Run a trend analysis on this");

        Assert.Contains(metrics.GetProperty("mean_cycle_time_s").GetRawText(), Numbers(cycle.Text));
        Assert.Contains(metrics.GetProperty("median_cycle_time_s").GetRawText(), Numbers(cycle.Text));
        Assert.Contains(metrics.GetProperty("rework_cases").GetRawText(), Numbers(rework.Text));
        // A process analysis has no automation scores: the answer says so and points at the bottleneck.
        Assert.Contains("no automation scores", automate.Text);
        Assert.Contains("The main findings", findings.Text);
        Assert.Equal("new_analysis", rerun.Intent);
        Assert.Contains("POST /api/v1/analyses", rerun.Text);
    }

    [Fact]
    public async Task TheTrendOfATrendAnalysisIsAnsweredFromItsSeries()
    {
        var tenant = Requests.NewTenant();
        var jobId = Requests.NewJobId();
        var job = _cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
        await job.Submit(Requests.Csv("trend_analysis", "month,sales\n1,100\n2,120\n3,150\n4,170\n5,160\n6,200\n"));
        Assert.Equal(JobStatus.Completed, (await JobWaits.Terminal(job, TimeSpan.FromSeconds(60)))!.Status);
        var series = JsonDocument.Parse((await job.GetResult())!.ReportJson!).RootElement.GetProperty("metrics").GetProperty("series").GetProperty("sales");
        var id = await OpenAsync(_cluster.Client, tenant, jobId);

        var trend = await AskAsync(_cluster.Client, tenant, id, "What is the trend?");

        Assert.Contains("'sales'", trend.Text);
        Assert.Contains(series.GetProperty("slope_per_period").GetRawText(), Numbers(trend.Text));
        Assert.Contains(series.GetProperty("growth_pct").GetRawText(), Numbers(trend.Text));
    }

    [Fact]
    public async Task AFiveHundredTurnConversationKeepsItsStateBounded()
    {
        var tenant = Requests.NewTenant();
        var (jobId, _) = await CompletedProcessJobAsync(_cluster.Client, tenant);
        var id = await OpenAsync(_cluster.Client, tenant, jobId);
        string[] questions = ["What is the bottleneck?", "And its waiting time?", "What is the cycle time?", "Hello"];

        for (var turn = 0; turn < 500; turn++)
        {
            await AskAsync(_cluster.Client, tenant, id, $"{questions[turn % questions.Length]} (turn {turn})");
        }

        var options = new ConversationOptions();
        var view = (await _cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id)).Get())!;
        Assert.Equal(1000, view.MessageCount);
        Assert.True(view.Messages.Count <= options.Window, $"{view.Messages.Count} messages kept");
        Assert.Equal(1000 - view.Messages.Count, view.SummarizedMessages);
        Assert.True(view.Summary.Length <= options.SummaryMaxChars, $"summary of {view.Summary.Length} characters");
        // The summary holds the most recent older turns: the last question that left the window is in it.
        Assert.Contains("(turn 489)", view.Summary);
        Assert.Equal("What is the cycle time? (turn 490)", view.Messages[0].Text);
    }

    [Fact]
    public async Task DeleteErasesTheContentAndTheListing()
    {
        var tenant = Requests.NewTenant();
        var id = await OpenAsync(_cluster.Client, tenant);
        var conversation = _cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id));
        await AskAsync(_cluster.Client, tenant, id, "Hello");
        Assert.Equal(1, (await _cluster.Client.GetGrain<ITenantConversations>(tenant).List(1, 10)).Total);

        Assert.True(await conversation.Delete());

        Assert.Null(await conversation.Get());
        Assert.Null(await _cluster.Client.GetGrain<IConversationResponder>(0).Ask(tenant, id, "Hello again"));
        Assert.Equal(0, (await _cluster.Client.GetGrain<ITenantConversations>(tenant).List(1, 10)).Total);
        Assert.False(await conversation.Delete());
    }

    internal static async Task<(string JobId, JsonElement Metrics)> CompletedProcessJobAsync(IClusterClient client, string tenant)
    {
        var jobId = Requests.NewJobId();
        var job = client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId));
        await job.Submit(Requests.Csv("process_analysis", ProcessCsv));
        var final = await JobWaits.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        var report = JsonDocument.Parse((await job.GetResult())!.ReportJson!).RootElement.Clone();
        return (jobId, report.GetProperty("metrics"));
    }

    internal static async Task<string> OpenAsync(IClusterClient client, string tenant, params string[] jobIds)
    {
        var id = "conv_" + Guid.NewGuid().ToString("N");
        await client.GetGrain<IConversation>(JobKey.For(tenant, id)).Create(jobIds);
        return id;
    }

    internal static async Task<ConversationMessage> AskAsync(IClusterClient client, string tenant, string id, string question) =>
        await client.GetGrain<IConversationResponder>(0).Ask(tenant, id, question)
            ?? throw new InvalidOperationException($"Conversation {id} did not answer '{question}'.");

    /// <summary>The numbers an answer quotes, as written.</summary>
    internal static List<string> Numbers(string text) => Regex.Matches(text, @"-?\d+(?:\.\d+)?").Select(m => m.Value).ToList();
}
