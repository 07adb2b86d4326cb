using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

/// <summary>Submit, follow and read a result through the client, against a real node behind a proxy that injects faults.</summary>
[Collection(ClientNodeCollection.Name)]
public sealed class AnalysisClientTests(ClientNode node)
{
    private const string Sales = "month,revenue,visits\n1,100,1000\n2,120,1180\n3,135,1290\n4,160,1555\n5,150,1490\n6,900,1600\n";

    private static AnalysisRequest Gated(string gate) => new()
    {
        Type = GatedAnalysis.AnalysisType,
        Csv = "a,b\n1,2\n",
        Options = new Dictionary<string, object> { [GatedAnalysis.GateOption] = gate },
    };

    [Fact]
    public async Task A_submitted_analysis_is_followed_to_its_end_and_its_report_read()
    {
        var client = node.Client();

        var job = await client.SubmitAsync(new AnalysisRequest { Type = AnalysisTypes.DataInterpretation, Csv = Sales });
        var events = new List<JobEvent>();
        await foreach (var e in client.FollowAsync(job.JobId))
        {
            events.Add(e);
        }
        var report = await client.GetResultAsync(job.JobId);

        Assert.Contains(job.Status, new[] { JobStatus.Queued, JobStatus.Running });
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(JobEventKind.Queued, events[0].Kind);
        Assert.Equal(JobEventKind.Completed, events[^1].Kind);
        Assert.Equal(job.JobId, report.JobId);
        Assert.False(string.IsNullOrWhiteSpace(report.Summary));
        Assert.Equal(JobStatus.Completed, (await client.GetAnalysisAsync(job.JobId)).Status);
    }

    [Fact]
    public async Task A_connection_cut_mid_stream_is_resumed_with_Last_Event_ID_losing_and_repeating_nothing()
    {
        var client = node.Client();
        var gate = Gates.NewId();
        var job = await client.SubmitAsync(Gated(gate));
        var eventsPath = $"GET /api/v1/analyses/{job.JobId}/events";
        var cut = node.Proxy.CutAfter(eventsPath, "id: 2\n");

        var events = new List<JobEvent>();
        var following = Task.Run(async () =>
        {
            await foreach (var e in client.FollowAsync(job.JobId))
            {
                lock (events)
                {
                    events.Add(e);
                }
            }
        });
        await Wait.For(cut, "the proxy to cut the event stream after event 2");
        // The job finishes only now, so its last events can only arrive on the resumed connection.
        Gates.Open(gate);
        await Wait.For(following, "the client to follow the job to its end");

        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence));
        Assert.Equal(JobEventKind.Completed, events[^1].Kind);
        Assert.True(node.Proxy.ConnectionsThatSent(eventsPath) >= 2, "The client did not reconnect.");
        Assert.Matches(@"Last-Event-ID: [12]\r\n", node.Proxy.AllRequests());
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_with_the_same_Idempotency_Key()
    {
        var time = new RecordingTime();
        var client = node.Client(await node.NewTenantKeyAsync("retry429"), time);
        var key = ActorsClient.NewIdempotencyKey();
        var refused = node.Proxy.Answer($"Idempotency-Key: {key}",
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        var job = await client.SubmitAsync(new AnalysisRequest { Type = AnalysisTypes.DataInterpretation, Csv = Sales }, key);

        Assert.True(refused.IsCompleted);
        Assert.Contains(TimeSpan.FromSeconds(7), time.Waits);
        Assert.Equal(2, node.Proxy.ConnectionsThatSent($"Idempotency-Key: {key}"));
        Assert.Equal(job.JobId, (await client.GetAnalysisAsync(job.JobId)).JobId);
    }

    [Fact]
    public async Task A_503_is_retried_and_one_beyond_the_longest_wait_is_thrown()
    {
        var time = new RecordingTime();
        var client = node.Client(await node.NewTenantKeyAsync("retry503"), time, o => o.MaxRetryDelay = TimeSpan.FromSeconds(30));
        var first = ActorsClient.NewIdempotencyKey();
        var second = ActorsClient.NewIdempotencyKey();
        _ = node.Proxy.Answer($"Idempotency-Key: {first}", "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        _ = node.Proxy.Answer($"Idempotency-Key: {second}", "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var request = new AnalysisRequest { Type = AnalysisTypes.DataInterpretation, Csv = Sales };

        var job = await client.SubmitAsync(request, first);
        var thrown = await Assert.ThrowsAsync<ActorsApiException>(() => client.SubmitAsync(request, second));

        Assert.Contains(job.Status, new[] { JobStatus.Queued, JobStatus.Running });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, thrown.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), thrown.RetryAfter);
        Assert.Equal(1, node.Proxy.ConnectionsThatSent($"Idempotency-Key: {second}"));
    }

    [Fact]
    public async Task A_submit_whose_answer_is_lost_is_sent_again_with_the_same_key_and_makes_one_job()
    {
        var client = node.Client(await node.NewTenantKeyAsync("dropped"), new RecordingTime());
        var key = ActorsClient.NewIdempotencyKey();
        var dropped = node.Proxy.DropAnswer($"Idempotency-Key: {key}");

        var job = await client.SubmitAsync(new AnalysisRequest { Type = AnalysisTypes.DataInterpretation, Csv = Sales }, key);
        var jobs = await client.ListAnalysesAsync();

        Assert.True(dropped.IsCompleted);
        Assert.Equal(2, node.Proxy.ConnectionsThatSent($"Idempotency-Key: {key}"));
        Assert.Equal([job.JobId], jobs.Items.Select(j => j.JobId));
    }

    [Fact]
    public async Task Problems_are_thrown_with_their_code_and_request_id()
    {
        var client = node.Client();

        var thrown = await Assert.ThrowsAsync<ActorsApiException>(() => client.GetAnalysisAsync("job_00000000000000000000000000000000"));
        var unfollowable = await Assert.ThrowsAsync<ActorsApiException>(async () =>
        {
            await foreach (var _ in client.FollowAsync("job_00000000000000000000000000000000"))
            {
            }
        });

        Assert.Equal(HttpStatusCode.NotFound, thrown.Status);
        Assert.Equal("not_found", thrown.Code);
        Assert.False(string.IsNullOrEmpty(thrown.RequestId));
        Assert.Equal(HttpStatusCode.NotFound, unfollowable.Status);
    }

    [Fact]
    public async Task A_cancelled_job_ends_its_stream_and_its_result_is_a_409()
    {
        var client = node.Client();
        var gate = Gates.NewId();
        var job = await client.SubmitAsync(Gated(gate));
        await Wait.For(Gates.WhenEntered(gate), "the gated step to start");

        var cancelled = await client.CancelAsync(job.JobId);
        var last = await client.FollowAsync(job.JobId).LastAsync();
        var thrown = await Assert.ThrowsAsync<ActorsApiException>(() => client.GetResultAsync(job.JobId));

        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        Assert.Equal(JobEventKind.Cancelled, last.Kind);
        Assert.Equal(HttpStatusCode.Conflict, thrown.Status);
        Assert.Equal("job_cancelled", thrown.Code);
    }
}
