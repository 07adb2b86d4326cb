using Actors.Jobs;
using Actors.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static Actors.Api.Tests.Webhooks.WebhookCalls;

namespace Actors.Api.Tests.Webhooks;

/// <summary>Deliveries to receivers the tests run on loopback: signatures, callbacks, retries, and jobs that never wait on them.</summary>
[Collection(WebhookNodeCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookNode node) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_test_delivery_is_signed_with_the_secret_returned_at_creation()
    {
        var (_, client) = await node.NewTenantAsync();
        var webhook = await client.CreateWebhookAsync(_receiver.Url("signed"), "analysis.completed");
        var id = webhook.GetProperty("id").GetString();

        using var test = await client.PostAsync($"{WebhooksPath}/{id}/test", null);
        var received = (await _receiver.WaitForAsync("signed", 1, "the test delivery")).Single();

        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        var deliveryId = (await test.ReadJsonAsync()).GetProperty("delivery_id").GetString();
        var timestamp = received.Header("X-Actors-Timestamp");
        Assert.Equal(ExpectedSignature(webhook.GetProperty("secret").GetString()!, timestamp, received.Body), received.Header("X-Actors-Signature"));
        Assert.True(long.TryParse(timestamp, out var seconds) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) < 600,
            $"X-Actors-Timestamp is unix seconds near now: {timestamp}");
        Assert.Equal("webhook.test", received.Header("X-Actors-Event"));
        Assert.Equal(deliveryId, received.Header("X-Actors-Delivery"));
        Assert.StartsWith("application/json", received.Header("Content-Type"));
        var body = received.Json;
        Assert.Equal(deliveryId, body.GetProperty("id").GetString());
        Assert.Equal("webhook.test", body.GetProperty("event").GetString());
        Assert.True(body.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("data").ValueKind);
        var log = await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered"), "the test delivery in the log");
        var entry = log.EnumerateArray().Single();
        Assert.Equal(deliveryId, entry.GetProperty("delivery_id").GetString());
        Assert.Equal(1, entry.GetProperty("attempt").GetInt32());
        Assert.Equal(200, entry.GetProperty("response_code").GetInt32());
        Assert.True(entry.GetProperty("latency_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_callback_url_gets_the_finished_job_signed_with_the_tenants_callback_secret()
    {
        var (_, client) = await node.NewTenantAsync();

        var jobId = await client.SubmitWithCallbackAsync(_receiver.Url("callback"));
        var received = (await _receiver.WaitForAsync("callback", 1, "the job's callback")).Single();
        var secret = (await client.GetJsonAsync($"{WebhooksPath}/callback-secret")).GetProperty("secret").GetString()!;

        Assert.Equal("analysis.completed", received.Header("X-Actors-Event"));
        Assert.Equal(ExpectedSignature(secret, received.Header("X-Actors-Timestamp"), received.Body), received.Header("X-Actors-Signature"));
        var data = received.Json.GetProperty("data");
        Assert.Equal(jobId, data.GetProperty("job_id").GetString());
        Assert.Equal("data_interpretation", data.GetProperty("type").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("error").ValueKind);
        Assert.Equal($"/api/v1/analyses/{jobId}/result", data.GetProperty("result_url").GetString());
        Assert.Equal("completed", (await client.StatusAsync(jobId)).GetProperty("status").GetString());
        var log = await client.WaitForLogAsync($"{WebhooksPath}/callback-deliveries", l => l.HasStatus("delivered"), "the callback in the callback log");
        Assert.Equal(jobId, log[0].GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task Two_server_errors_are_retried_and_the_log_shows_three_attempts()
    {
        var (_, client) = await node.NewTenantAsync();
        _receiver.Script("flaky", ReceiverAnswer.Code(500), ReceiverAnswer.Code(503));
        var id = (await client.CreateWebhookAsync(_receiver.Url("flaky"), "analysis.completed")).GetProperty("id").GetString();

        var jobId = await client.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var log = await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered"), "the third attempt to be delivered");

        var attempts = log.EnumerateArray().Reverse().ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([500, 503, 200], attempts.Select(a => a.GetProperty("response_code").GetInt32()));
        Assert.Equal(["retrying", "retrying", "delivered"], attempts.Select(a => a.GetProperty("status").GetString()));
        Assert.All(attempts, a => Assert.Equal(jobId, a.GetProperty("job_id").GetString()));
        var received = _receiver.ReceivedAt("flaky");
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Header("X-Actors-Delivery")).Distinct());
        Assert.Single(received.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_its_retry_after()
    {
        var (_, client) = await node.NewTenantAsync();
        _receiver.Script("busy", ReceiverAnswer.Code(429, retryAfter: TimeSpan.FromSeconds(1)));
        var id = (await client.CreateWebhookAsync(_receiver.Url("busy"), "analysis.completed")).GetProperty("id").GetString();

        using var test = await client.PostAsync($"{WebhooksPath}/{id}/test", null);
        var log = await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered"), "the retry after 429 to be delivered");

        Assert.Equal([429, 200], log.EnumerateArray().Reverse().Select(a => a.GetProperty("response_code").GetInt32()));
        Assert.Equal(2, _receiver.ReceivedAt("busy").Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var (_, client) = await node.NewTenantAsync();
        _receiver.Script("gone", ReceiverAnswer.Code(410));
        var id = (await client.CreateWebhookAsync(_receiver.Url("gone"), "analysis.completed")).GetProperty("id").GetString();

        using var test = await client.PostAsync($"{WebhooksPath}/{id}/test", null);
        var log = await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("failed"), "the delivery to fail on 410");

        // Failed is final: the delivery has ended, so no later attempt can follow.
        var entry = log.EnumerateArray().Single();
        Assert.Equal(410, entry.GetProperty("response_code").GetInt32());
        Assert.Equal(1, entry.GetProperty("attempt").GetInt32());
        Assert.Single(_receiver.ReceivedAt("gone"));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_hold_up_jobs()
    {
        var (_, client) = await node.NewTenantAsync();
        _receiver.Script("stuck", Enumerable.Repeat(ReceiverAnswer.Blocked, 10).ToArray());
        await client.CreateWebhookAsync(_receiver.Url("stuck"), "analysis.completed");

        var first = await client.SubmitWithCallbackAsync(_receiver.Url("stuck"));
        await _receiver.WaitForAsync("stuck", 2, "the callback and the webhook delivery of the first job to block");
        var second = await client.SubmitWithCallbackAsync(_receiver.Url("stuck"));
        await client.WaitForStatusAsync(second, "completed");
        var firstStatus = await client.StatusAsync(first);
        var webhooks = await client.GetJsonAsync(WebhooksPath);

        Assert.Equal("completed", firstStatus.GetProperty("status").GetString());
        Assert.Equal(1, webhooks.GetArrayLength());
        Assert.True(_receiver.Waiting >= 2, $"the receiver still holds the first job's deliveries unanswered ({_receiver.Waiting} waiting)");
        _receiver.ReleaseBlocked();
    }

    [Fact]
    public async Task A_repeated_finish_notice_delivers_once()
    {
        var (tenant, client) = await node.NewTenantAsync();
        var id = (await client.CreateWebhookAsync(_receiver.Url("once"), "analysis.completed")).GetProperty("id").GetString();
        var jobId = await client.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        await _receiver.WaitForAsync("once", 1, "the job's delivery");
        var observer = node.Services.GetServices<IJobObserver>().OfType<WebhookJobObserver>().Single();
        var job = (await node.Cluster.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId)).GetStatus())!;
        var request = new AnalysisRequest("data_interpretation", null, Bodies.SmallCsv, null, new Dictionary<string, string>(), JobPriority.Normal, null, "");

        // The watchdog's at-least-once repeats, then another job's notice as a barrier behind them.
        observer.OnFinished(tenant, job, request);
        observer.OnFinished(tenant, job, request);
        var sentinel = "job_" + Guid.NewGuid().ToString("N");
        observer.OnFinished(tenant, job with { JobId = sentinel }, request);
        var received = await _receiver.WaitForAsync("once", 2, "the barrier job's delivery");
        var log = await client.WaitForLogAsync($"{WebhooksPath}/{id}/deliveries", l => l.HasStatus("delivered", 2), "both deliveries in the log");

        Assert.Equal(1, received.Count(r => r.JobId == jobId));
        Assert.Equal(1, received.Count(r => r.JobId == sentinel));
        Assert.Equal(2, received.Count);
        Assert.Equal(1, log.EnumerateArray().Count(e => e.GetProperty("job_id").GetString() == jobId));
    }

    [Fact]
    public async Task A_failed_job_goes_to_the_webhooks_subscribed_to_analysis_failed_only()
    {
        var (tenant, client) = await node.NewTenantAsync();
        await client.CreateWebhookAsync(_receiver.Url("failures"), "analysis.failed");
        await client.CreateWebhookAsync(_receiver.Url("successes"), "analysis.completed");
        var observer = node.Services.GetServices<IJobObserver>().OfType<WebhookJobObserver>().Single();
        var now = DateTimeOffset.UtcNow;
        var failed = new JobSnapshot("job_" + Guid.NewGuid().ToString("N"), "trend_analysis", JobStatus.Failed, JobPriority.Normal, 40, null, 3,
            now, now, now, new JobError("job_timeout", "The job did not finish in time."), 9);
        var request = new AnalysisRequest("trend_analysis", null, Bodies.SmallCsv, null, new Dictionary<string, string>(), JobPriority.Normal, null, "");

        observer.OnFinished(tenant, failed, request);
        var completedJob = await client.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var success = (await _receiver.WaitForAsync("successes", 1, "the completed job's delivery")).Single();
        var failure = (await _receiver.WaitForAsync("failures", 1, "the failed job's delivery")).Single();

        Assert.Equal("analysis.failed", failure.Header("X-Actors-Event"));
        var data = failure.Json.GetProperty("data");
        Assert.Equal(failed.JobId, data.GetProperty("job_id").GetString());
        Assert.Equal("failed", data.GetProperty("status").GetString());
        Assert.Equal("job_timeout", data.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("result_url").ValueKind);
        Assert.Equal(completedJob, success.JobId);
        Assert.Single(_receiver.ReceivedAt("failures"));
    }

    [Fact]
    public async Task A_cancelled_job_calls_back_with_analysis_cancelled()
    {
        var (_, client) = await node.NewTenantAsync();
        var gate = Gates.NewId();
        var body = JsonSerializer.Serialize(new
        {
            type = GatedAnalysis.AnalysisType,
            csv = Bodies.SmallCsv,
            options = new Dictionary<string, string> { [GatedAnalysis.GateOption] = gate },
            callback_url = _receiver.Url("cancelled"),
        });
        var jobId = await client.SubmitAcceptedAsync(body);
        await Eventually.For(Gates.WhenEntered(gate), $"job {jobId} to block on its gate");

        using var cancel = await client.DeleteAsync($"{ApiCalls.Analyses}/{jobId}");
        var received = (await _receiver.WaitForAsync("cancelled", 1, "the cancelled job's callback")).Single();
        Gates.Open(gate);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("analysis.cancelled", received.Header("X-Actors-Event"));
        Assert.Equal("cancelled", received.Json.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_disabled_webhook_still_gets_its_test_delivery_but_no_events()
    {
        var (_, client) = await node.NewTenantAsync();
        var id = (await client.CreateWebhookAsync(_receiver.Url("disabled"), "analysis.completed")).GetProperty("id").GetString();
        using var disable = await client.PutAsync($"{WebhooksPath}/{id}", Bodies.Json("""{"enabled":false}"""));

        await client.SubmitWithCallbackAsync(_receiver.Url("barrier"));
        await _receiver.WaitForAsync("barrier", 1, "the job's callback, sent after the (skipped) webhook delivery");
        using var test = await client.PostAsync($"{WebhooksPath}/{id}/test", null);
        var received = await _receiver.WaitForAsync("disabled", 1, "the test delivery to the disabled webhook");

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal("webhook.test", received.Single().Header("X-Actors-Event"));
    }
}
