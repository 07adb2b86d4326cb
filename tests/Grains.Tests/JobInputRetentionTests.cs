using System.Text;
using Actors.Conversations;
using Actors.Grains.Tests.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Llm;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// A completed job keeps its submitted data for its input retention (2 h here), readable through the job,
/// whether it rode in the job's state or was stored apart; the reminder set when it completed erases it
/// once the retention has passed; a failed job drops it at once. A conversation over a job whose data is
/// gone is answered from the report only, and says so.
/// </summary>
public sealed class JobInputRetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(2);
    private readonly ShiftableTime _time = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1, new Dictionary<string, string?>
    {
        ["Actors:Jobs:InputRetention"] = "02:00:00",
        ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
        ["Actors:Llm:AllowPrivateEndpoints"] = "true",
        ["Actors:Llm:MaxRetries"] = "0",
    }, sharedState: true, configureSilo: silo => silo.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task LargeDataStoredApartIsKeptAfterCompletionAndErasedByTheReminderOnceTheRetentionHasPassed()
    {
        var csv = new StringBuilder("x,y,region\n");
        for (var i = 1; i <= 2000; i++)
        {
            csv.Append(i).Append(',').Append(i * 2 + i % 7).Append(i % 2 == 0 ? ",north\n" : ",south\n");
        }
        Assert.True(csv.Length > new JobOptions().InlineInputLimit, "the data must be over the inline limit for this test");
        var key = JobKey.For(Requests.NewTenant(), Requests.NewJobId());
        var job = await CompletedAsync(key, Requests.Csv(csv: csv.ToString()));

        var kept = await job.GetInput();
        Assert.Equal(csv.ToString(), kept!.Csv);
        Assert.True(kept.KeptUntil > _time.GetUtcNow(), "the data must be kept until after now");
        Assert.Equal(csv.ToString(), (await _cluster.Client.GetGrain<IAnalysisJobInput>(key).Get()).Csv);
        var reminders = new SharedReminderTable(_cluster.Options.ServiceId);
        var reminder = await Eventually.Until(async () => (await reminders.ReadRows(job.GetGrainId())).Reminders.SingleOrDefault(r => r.ReminderName == "input-expiry"),
            r => r is not null, "the input-expiry reminder to be set");
        Assert.True(reminder!.Period <= Retention, $"the reminder is due every {reminder.Period}, beyond the retention");

        await TickAsync(job);
        Assert.True((await job.GetInput())!.IsKept, "a tick before the retention erased the data");

        _time.Advance(Retention);
        await TickAsync(job);

        Assert.False((await job.GetInput())!.IsKept, "the data is still readable after its retention");
        var dropped = await _cluster.Client.GetGrain<IAnalysisJobInput>(key).Get();
        Assert.Null(dropped.Csv);
        Assert.DoesNotContain((await reminders.ReadRows(job.GetGrainId())).Reminders, r => r.ReminderName == "input-expiry");
        // The report stays.
        Assert.NotNull((await job.GetResult())!.ReportJson);
    }

    [Fact]
    public async Task SmallDataInTheJobsStateIsKeptAndThenErasedFromIt()
    {
        var job = await CompletedAsync(JobKey.For(Requests.NewTenant(), Requests.NewJobId()), Requests.Csv());
        Assert.Equal(Requests.SmallCsv, (await job.GetInput())!.Csv);

        _time.Advance(Retention);
        Assert.False((await job.GetInput())!.IsKept, "data past its retention is not handed out, even before the reminder erased it");
        await TickAsync(job);

        var storage = new SharedGrainStorage(_cluster.Options.ServiceId, _cluster.Client.ServiceProvider.GetRequiredService<Orleans.Serialization.Serializer>());
        var state = new GrainState<AnalysisJobState>();
        await storage.ReadStateAsync(AnalysisJobGrain.StateName, job.GetGrainId(), state);
        Assert.Equal((null, null, JobStatus.Completed), (state.State!.Request!.Csv, state.State.InputKeptUntil, state.State.Status));
    }

    [Fact]
    public async Task AFailedJobKeepsNoData()
    {
        var key = JobKey.For(Requests.NewTenant(), Requests.NewJobId());
        var job = _cluster.Client.GetGrain<IAnalysisJob>(key);
        await job.Submit(Requests.Csv(csv: "a,b\n1,2,3\n"));
        var final = await Eventually.Terminal(job);

        Assert.Equal(JobStatus.Failed, final!.Status);
        Assert.False((await job.GetInput())!.IsKept, "a failed job handed out its data");
    }

    [Fact]
    public async Task AConversationOverAJobWhoseDataIsGoneIsAnsweredFromItsReportAndSaysSo()
    {
        await using var openAi = await FakeLlmServer.StartAsync();
        var tenant = Requests.NewTenant();
        await _cluster.Client.GetGrain<ITenantProviders>(tenant).Put(new TenantLlmSettings([LlmClusterFixture.OpenAiEntry(openAi)], null));
        var jobId = Requests.NewJobId();
        var job = await CompletedAsync(JobKey.For(tenant, jobId), Requests.Csv(options: new Dictionary<string, string> { ["llm"] = "false" }));
        _time.Advance(Retention);
        await TickAsync(job);
        openAi.Then(FakeReply.Answer("results"), FakeReply.Answer("The data has 5 rows."));
        var id = await ConversationTests.OpenAsync(_cluster.Client, tenant, jobId);

        var answer = await ConversationTests.AskAsync(_cluster.Client, tenant, id, "How much data was there?");

        Assert.Equal(("llm", "passed"), (answer.AnsweredBy, answer.Grounding));
        Assert.Equal($"The data has 5 rows. ({ConversationAgent.DataGone([jobId])})", answer.Text);
        Assert.Equal([new ConversationSource(jobId, ConversationSource.Report)], answer.Agent!.Sources);
        // Only the report's tools were offered, and the prompt said the data is gone.
        var asked = openAi.Requests[1].ToJsonString();
        Assert.Contains("\"get_metric\"", asked);
        Assert.DoesNotContain("\"group_by\"", asked);
        Assert.Contains("is no longer kept", asked);
    }

    private async Task<IAnalysisJob> CompletedAsync(string key, AnalysisRequest request)
    {
        var job = _cluster.Client.GetGrain<IAnalysisJob>(key);
        await job.Submit(request);
        var final = await Eventually.Terminal(job, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Completed, final!.Status);
        return job;
    }

    private Task TickAsync(IAnalysisJob job) =>
        _cluster.Client.GetGrain<IRemindable>(job.GetGrainId()).ReceiveReminder("input-expiry", new TickStatus(DateTime.UtcNow, Retention, DateTime.UtcNow));
}
