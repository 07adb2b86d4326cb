using Actors.Api.Auth;
using Actors.Api.Tests.Audit;
using Actors.Api.Tests.Observability;
using static Actors.Api.Tests.Webhooks.WebhookCalls;

namespace Actors.Api.Tests.Webhooks;

/// <summary>
/// <c>POST /api/v1/analyses/{id}/approval</c> on a job whose team has an approval step: the webhook
/// that says it waits, approve and reject with their traces (provenance, events, audit, metrics),
/// and the refusals (not waiting, a viewer, another tenant). On the webhook node, whose receivers are allowed.
/// </summary>
[Collection(WebhookNodeCollection.Name)]
public sealed class ApprovalApiTests(WebhookNode node) : IAsyncLifetime
{
    private const string Team = "signed";
    private const string Rejected = "actors_jobs_rejected_total";

    private static readonly string TeamJson = JsonSerializer.Serialize(new
    {
        name = Team,
        analysis_type = "data_interpretation",
        strategy = "sequential",
        steps = new object[]
        {
            new { tool = "profile", agent = "data_interpreter" },
            new { tool = "sign_off", kind = "approval", depends_on = new[] { "profile" }, message = "Is the profile plausible?" },
            new { tool = "correlate", agent = "data_interpreter", depends_on = new[] { "profile", "sign_off" } },
            new { tool = "outliers", agent = "data_interpreter", depends_on = new[] { "profile" } },
            new { tool = "report", agent = "report_writer", depends_on = new[] { "profile", "correlate", "outliers" } },
        },
    });

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task An_approved_job_completes_with_the_decider_and_comment_in_its_provenance_events_and_audit_after_the_waiting_webhook()
    {
        var (_, client) = await node.NewTenantAsync();
        await client.CreateWebhookAsync(_receiver.Url("waiting"), "analysis.awaiting_approval");
        var jobId = await AwaitingAsync(client);
        var hook = (await _receiver.WaitForAsync("waiting", 1, "the analysis.awaiting_approval delivery")).Single();
        var status = await client.StatusAsync(jobId);

        var requestId = AuditCalls.NewRequestId();
        using var decided = await client.SendAsync(Decision(jobId, "approve", "plausible").WithRequestId(requestId));
        var final = await client.WaitForStatusAsync(jobId, "completed");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("queued", (await decided.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("analysis.awaiting_approval", hook.Header("X-Actors-Event"));
        var approval = hook.Json.GetProperty("data").GetProperty("approval");
        Assert.Equal((jobId, "awaiting_approval"), (hook.JobId, hook.Json.GetProperty("data").GetProperty("status").GetString()));
        Assert.Equal(("sign_off", "Is the profile plausible?", "reject"), (approval.GetProperty("step").GetString(),
            approval.GetProperty("message").GetString(), approval.GetProperty("on_timeout").GetString()));
        Assert.Equal("sign_off", status.GetProperty("approval").GetProperty("step").GetString());
        var audit = await client.WaitForEntryAsync(requestId);
        var decider = audit.GetProperty("actor").GetString()!;
        Assert.Equal(("analysis.approval", "success"), (audit.GetProperty("action").GetString(), audit.GetProperty("outcome").GetString()));
        Assert.Contains(jobId, audit.GetProperty("resource").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", final.GetProperty("status").GetString());
        var report = await client.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
        var kept = report.GetProperty("provenance").GetProperty("approvals").EnumerateArray().Single();
        Assert.Equal(("sign_off", "approved", decider, "plausible", false), (kept.GetProperty("step").GetString(), kept.GetProperty("decision").GetString(),
            kept.GetProperty("decided_by").GetString(), kept.GetProperty("comment").GetString(), kept.GetProperty("by_timeout").GetBoolean()));
        await using var stream = await SseReader.OpenAsync(client, $"{ApiCalls.Analyses}/{jobId}/events");
        var events = await stream.ReadEventsToEndAsync("the finished job's events");
        Assert.Equal($"step sign_off approved by {decider}: plausible", events.Single(e => e.Event == "approved").Json.GetProperty("message").GetString());
        Assert.Single(events, e => e.Event == "approval_requested");
    }

    [Fact]
    public async Task A_rejected_job_ends_rejected_its_result_is_409_job_rejected_and_it_is_counted()
    {
        var (_, client) = await node.NewTenantAsync();
        var before = (await Scrape.TakeAsync(client)).Sum(Rejected, ("type", "data_interpretation"));
        var jobId = await AwaitingAsync(client);

        using var decided = await client.SendAsync(Decision(jobId, "reject", "the profile is off"));
        var body = await decided.ReadJsonAsync();
        using var result = await client.GetAsync($"{ApiCalls.Analyses}/{jobId}/result");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("rejected", body.GetProperty("status").GetString());
        Assert.Equal("rejected", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("the profile is off", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        await result.AssertProblemAsync(HttpStatusCode.Conflict, "job_rejected");
        Assert.Equal("rejected", (await client.StatusAsync(jobId)).GetProperty("status").GetString());
        await Eventually.Until(async () => (await Scrape.TakeAsync(client)).Sum(Rejected, ("type", "data_interpretation")),
            after => after >= before + 1, $"{Rejected} to grow past {before}");
    }

    [Fact]
    public async Task A_decision_is_409_on_a_job_not_waiting_403_for_a_viewer_and_404_for_another_tenant()
    {
        var (tenant, client) = await node.NewTenantAsync();
        var viewer = await node.NewClientAsync(tenant, Scopes.AnalysesRead);
        var (_, stranger) = await node.NewTenantAsync();
        var waiting = await AwaitingAsync(client);
        var finished = await client.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var notWaiting = await client.SendAsync(Decision(finished, "approve", null));
        using var byViewer = await viewer.SendAsync(Decision(waiting, "approve", null));
        using var byStranger = await stranger.SendAsync(Decision(waiting, "approve", null));
        using var malformed = await client.SendAsync(Decision(waiting, "maybe", null));

        await notWaiting.AssertProblemAsync(HttpStatusCode.Conflict, "not_awaiting_approval");
        await byViewer.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await malformed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal("awaiting_approval", (await client.StatusAsync(waiting)).GetProperty("status").GetString());
    }

    /// <summary>Registers the team with its approval step for the tenant and submits a job that stops at it.</summary>
    private static async Task<string> AwaitingAsync(HttpClient client)
    {
        using (var created = await client.PostAsync("/api/v1/teams", Bodies.Json(TeamJson)))
        {
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.OK,
                $"Registering the team answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }
        var jobId = await client.SubmitAcceptedAsync(JsonSerializer.Serialize(new { type = "data_interpretation", csv = Bodies.SmallCsv, team = Team }));
        await client.WaitForStatusAsync(jobId, "awaiting_approval");
        return jobId;
    }

    private static HttpRequestMessage Decision(string jobId, string decision, string? comment) =>
        new(HttpMethod.Post, $"{ApiCalls.Analyses}/{jobId}/approval") { Content = Bodies.Json(JsonSerializer.Serialize(new { decision, comment })) };
}
