using Actors.Jobs;
using Orleans;

namespace Actors.Api.Tests.Tenancy;

[Collection(TenancyNodeCollection.Name)]
public sealed class SuspensionTests(TenancyNode node)
{
    [Fact]
    public async Task A_suspended_tenants_keys_and_users_get_403_tenant_suspended_until_it_is_resumed()
    {
        var (tenantId, key) = await node.NewTenantWithKeyAsync();
        using var client = node.NewClient(key.Key);
        using var user = node.NewBearerClient(node.Token(tenantId, ["admin"]));

        using var suspend = await node.Platform.PostAsync($"{TenancyCalls.Tenants}/{tenantId}/suspend", null);
        var suspended = await suspend.ReadJsonAsync();
        using var read = await client.GetAsync(ApiCalls.Analyses);
        using var submit = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));
        using var userRead = await user.GetAsync(ApiCalls.Analyses);

        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        var problem = await read.AssertProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        Assert.Contains(tenantId, problem.GetProperty("detail").GetString());
        await submit.AssertProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        await userRead.AssertProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");

        (await node.Platform.PostAsync($"{TenancyCalls.Tenants}/{tenantId}/resume", null)).Dispose();
        using var afterResume = await client.GetAsync(ApiCalls.Analyses);
        Assert.Equal(HttpStatusCode.OK, afterResume.StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenants_queued_jobs_do_not_start_and_start_when_it_is_resumed()
    {
        var (tenantId, key) = await node.NewTenantWithKeyAsync(new { max_concurrent_jobs = 1 });
        using var client = node.NewClient(key.Key);
        var runningGate = Gates.NewId();
        var queuedGate = Gates.NewId();
        var running = await client.SubmitGatedRunningAsync(runningGate);
        using var submitted = await client.SubmitAsync(Bodies.Gated(queuedGate));
        var queuedAnswer = await submitted.ReadJsonAsync();
        var queued = queuedAnswer.GetProperty("job_id").GetString()!;
        Assert.Equal(1, queuedAnswer.GetProperty("position_in_queue").GetInt32());

        (await node.Platform.PostAsync($"{TenancyCalls.Tenants}/{tenantId}/suspend", null)).Dispose();
        Gates.Open(runningGate);
        var cluster = node.Node.Cluster;
        await Eventually.Until(() => cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, running)).GetStatus(), j => j?.Status == JobStatus.Completed,
            $"running job {running} to complete while its tenant is suspended");
        var stats = await Eventually.Until(() => cluster.GetGrain<ITenantQueue>(tenantId).GetStats(), s => s.Running == 0,
            "the completed job's slot to be handed back");

        // The freed slot was not given to the queued job: it waits while the tenant is suspended.
        Assert.Equal(1, stats.Normal);
        Assert.Equal(JobStatus.Queued, (await cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, queued)).GetStatus())!.Status);

        (await node.Platform.PostAsync($"{TenancyCalls.Tenants}/{tenantId}/resume", null)).Dispose();
        await Eventually.For(Gates.WhenEntered(queuedGate), $"queued job {queued} to start after its tenant was resumed");
        Gates.Open(queuedGate);
        await client.WaitForStatusAsync(queued, "completed");
    }
}
