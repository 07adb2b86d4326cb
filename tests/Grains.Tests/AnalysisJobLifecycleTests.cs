using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests;

[Collection(JobClusterCollection.Name)]
public sealed class AnalysisJobLifecycleTests(JobClusterFixture fixture)
{
    [Fact]
    public async Task DataInterpretationJobRunsFromQueuedToCompletedWithConsecutiveEvents()
    {
        var tenant = Requests.NewTenant();
        var job = fixture.Job(tenant, Requests.NewJobId());

        var outcome = await job.Submit(Requests.Csv());
        var final = await JobWaits.Terminal(job);

        Assert.True(outcome.Created);
        Assert.Equal(JobStatus.Completed, final!.Status);
        Assert.Equal(100, final.Progress);
        Assert.Equal(1, final.Attempts);
        Assert.NotNull(final.StartedAt);
        Assert.NotNull(final.CompletedAt);

        var page = await job.GetEvents(0);
        Assert.Equal(Enumerable.Range(1, page!.Events.Count).Select(i => (long)i), page.Events.Select(e => e.Sequence));
        Assert.Equal(
            [JobEventKind.Queued, JobEventKind.Started, JobEventKind.Step, JobEventKind.Step, JobEventKind.Step, JobEventKind.Step, JobEventKind.Completed],
            page.Events.Select(e => e.Kind));
        Assert.Equal(page.LastSequence, final.LastSequence);
        Assert.False(page.Truncated);
    }

    [Fact]
    public async Task CompletedJobStoresReportWithMetricsAndProvenance()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv());
        await JobWaits.Terminal(job);

        var result = await job.GetResult();
        var report = JsonNode.Parse(result!.ReportJson!)!.AsObject();

        Assert.Equal(result.Job.JobId, report["job_id"]!.GetValue<string>());
        Assert.Equal("data_interpretation", report["type"]!.GetValue<string>());
        Assert.Equal(5, report["metrics"]!["rows"]!.GetValue<int>());
        Assert.Equal(3.0, report["metrics"]!["columns"]!["x"]!["mean"]!.GetValue<double>(), 12);
        Assert.Equal("statistical", report["provenance"]!["engine"]!.GetValue<string>());
        Assert.Equal(["profile", "correlate", "outliers", "report"],
            report["provenance"]!["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.NotNull(report["usage"]);
    }

    [Fact]
    public async Task UnsubmittedJobReadsAsNull()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());

        Assert.Null(await job.GetStatus());
        Assert.Null(await job.GetEvents(0));
        Assert.Null(await job.GetResult());
        Assert.Null(await job.Cancel());
    }

    [Fact]
    public async Task ASubmitUnderANewIdRunsTheJobWithoutReadingItFirst()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());

        var outcome = await job.SubmitNew(Requests.Csv());
        var final = await JobWaits.Terminal(job);

        Assert.True(outcome.Created);
        Assert.Equal(JobStatus.Completed, final!.Status);
        Assert.Single((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Queued);
    }

    [Fact]
    public async Task ASubmitUnderANewIdThatIsTakenAfterAllAnswersWithTheStoredJob()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        var first = await job.SubmitNew(Requests.Csv());
        var final = await JobWaits.Terminal(job);
        // Only the stored state is left: the activation that knew the job is gone.
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await Eventually.Until(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            return await management.GetActivationAddress(job);
        }, address => address is null, "the job's activation to be collected");

        var again = await job.SubmitNew(Requests.Csv() with { Question = "another body under the same id" });

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(final, again.Job);
        Assert.Single((await job.GetEvents(0))!.Events, e => e.Kind == JobEventKind.Queued);
    }

    [Fact]
    public async Task SubmittingTheSameJobTwiceReturnsTheExistingJob()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        var request = Requests.Csv();

        var first = await job.Submit(request);
        var second = await job.Submit(request with { Question = "a different retry body is still the same job" });

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Job.JobId, second.Job.JobId);
        Assert.Equal(first.Job.CreatedAt, second.Job.CreatedAt);
        var events = await job.GetEvents(0);
        Assert.Single(events!.Events, e => e.Kind == JobEventKind.Queued);
    }

    [Fact]
    public async Task IdempotencyKeyReturnsTheSameJobForTheSameRequestAndRefusesADifferentOne()
    {
        var tenant = Requests.NewTenant();
        var key = fixture.Client.GetGrain<IIdempotencyKey>(JobKey.For(tenant, "key-1"));
        var request = Requests.Csv();

        var first = await key.Submit(Requests.NewJobId(), request);
        var retry = await key.Submit(Requests.NewJobId(), request);
        var different = await key.Submit(Requests.NewJobId(), request with { Fingerprint = "another" });

        Assert.NotNull(first);
        Assert.Equal(first.Job.JobId, retry!.Job.JobId);
        Assert.False(retry.Created);
        Assert.Null(different);
    }

    [Fact]
    public async Task EventsAfterASequenceNumberAreReplayedExactly()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv());
        var final = await JobWaits.Terminal(job);

        var page = await job.GetEvents(3);

        Assert.Equal(Enumerable.Range(4, (int)final!.LastSequence - 3).Select(i => (long)i), page!.Events.Select(e => e.Sequence));
        Assert.Empty((await job.GetEvents(final.LastSequence))!.Events);
    }

    [Fact]
    public async Task ReplayBufferIsBoundedAndSaysWhenEventsWereDropped()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv("test_long"));
        var final = await JobWaits.Terminal(job);

        var page = await job.GetEvents(0);

        // queued + started + one per step + completed, of which the newest 200 are kept.
        Assert.Equal(LongAnalysis.StepCount + 3, final!.LastSequence);
        Assert.Equal(200, page!.Events.Count);
        Assert.True(page.Truncated);
        Assert.Equal(final.LastSequence, page.Events[^1].Sequence);
        Assert.False((await job.GetEvents(final.LastSequence - 10))!.Truncated);
    }

    [Fact]
    public async Task TransientFailuresAreRetriedWithBackoffUntilTheJobSucceeds()
    {
        var key = Guid.NewGuid().ToString("N");
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv("test_flaky", options: new Dictionary<string, string> { ["key"] = key, ["failures"] = "2" }));

        var final = await JobWaits.Terminal(job);

        Assert.Equal(JobStatus.Completed, final!.Status);
        Assert.Equal(3, final.Attempts);
        Assert.Equal(3, TestGates.RunsOf(key));
        var retries = (await job.GetEvents(0))!.Events.Where(e => e.Kind == JobEventKind.Progress).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, e => Assert.Contains("the dependency hiccupped", e.Message));
    }

    [Fact]
    public async Task TransientFailuresBeyondThreeAttemptsFailTheJob()
    {
        var key = Guid.NewGuid().ToString("N");
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv("test_flaky", options: new Dictionary<string, string> { ["key"] = key, ["failures"] = "10" }));

        var final = await JobWaits.Terminal(job);

        Assert.Equal(JobStatus.Failed, final!.Status);
        Assert.Equal(3, final.Attempts);
        Assert.Equal(3, TestGates.RunsOf(key));
        Assert.Equal("attempts_exhausted", final.Error!.Code);
        Assert.Equal(JobEventKind.Failed, (await job.GetEvents(0))!.Events[^1].Kind);
    }

    [Fact]
    public async Task AFaultThatIsNotTransientFailsAtOnceWithoutRetry()
    {
        var key = Guid.NewGuid().ToString("N");
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv("test_flaky", options: new Dictionary<string, string> { ["key"] = key, ["failures"] = "0", ["fatal"] = "yes" }));

        var final = await JobWaits.Terminal(job);

        Assert.Equal(JobStatus.Failed, final!.Status);
        Assert.Equal(1, final.Attempts);
        Assert.Equal(1, TestGates.RunsOf(key));
        Assert.Equal("analysis_failed", final.Error!.Code);
        Assert.DoesNotContain("a bug", final.Error.Message);
    }

    [Fact]
    public async Task DataThatCannotBeParsedFailsWithInvalidData()
    {
        var job = fixture.Job(Requests.NewTenant(), Requests.NewJobId());
        await job.Submit(Requests.Csv(csv: "a,b\n1,2,3\n"));

        var final = await JobWaits.Terminal(job);

        Assert.Equal(JobStatus.Failed, final!.Status);
        Assert.Equal("invalid_data", final.Error!.Code);
    }
}
