using Actors.Grains.Tests.Infrastructure;
using Actors.Tenants;

namespace Actors.Grains.Tests.Tenants;

[Collection(JobClusterCollection.Name)]
public sealed class TenantGrainTests(JobClusterFixture fixture)
{
    private ITenant Tenant(string id) => fixture.Client.GetGrain<ITenant>(id);

    private static readonly Dictionary<string, string> NoSettings = [];

    [Fact]
    public async Task A_tenant_without_a_record_runs_active_with_the_global_defaults()
    {
        var policy = await Tenant(Requests.NewTenant()).GetPolicy();

        Assert.False(policy.Exists);
        Assert.Equal(TenantStatus.Active, policy.Status);
        Assert.Equal(4, policy.Limits.MaxConcurrentJobs);
        Assert.Equal(1_000_000, policy.Limits.RecordsPerJob);
        // A monthly job quota by default (issue 24): a tenant cannot submit without end.
        Assert.Equal(100_000, policy.Limits.JobsPerMonth);
        // No tenant-wide request limit unless one is set: the rate limiter's configured defaults apply.
        Assert.False(policy.Limits.RequestsPerMinute?.ContainsKey(TenantLimits.SubmitPolicy) ?? false);
    }

    [Fact]
    public async Task A_tenants_overrides_win_over_the_defaults_and_zero_lifts_a_limit()
    {
        var id = Requests.NewTenant();
        await Tenant(id).Create("Acme", TenantStatus.Trial,
            new TenantLimits(MaxConcurrentJobs: 2, RecordsPerJob: 0, RequestsPerMinute: new Dictionary<string, int> { [TenantLimits.SubmitPolicy] = 5 }), NoSettings);

        var policy = await Tenant(id).GetPolicy();

        Assert.True(policy.Exists);
        Assert.Equal(TenantStatus.Trial, policy.Status);
        Assert.Equal(2, policy.Limits.MaxConcurrentJobs);
        Assert.Null(policy.Limits.RecordsPerJob);
        Assert.Equal(5, policy.Limits.RequestsPerMinute![TenantLimits.SubmitPolicy]);
        Assert.False(policy.Limits.RequestsPerMinute.ContainsKey(TenantLimits.ReadPolicy));
    }

    [Fact]
    public async Task Creating_twice_changes_nothing_and_ensure_keeps_the_first_record()
    {
        var id = Requests.NewTenant();
        var first = await Tenant(id).Create("First", TenantStatus.Active, new TenantLimits(JobsPerMonth: 3), NoSettings);

        var second = await Tenant(id).Create("Second", TenantStatus.Trial, TenantLimits.None, NoSettings);
        var ensured = await Tenant(id).Ensure("Third");

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(("First", TenantStatus.Active, 3, first.CreatedAt), (ensured.Name, ensured.Status, ensured.Limits.JobsPerMonth, ensured.CreatedAt));
    }

    [Fact]
    public async Task An_update_merges_limits_member_by_member_and_a_null_setting_goes_back_to_the_default()
    {
        var id = Requests.NewTenant();
        await Tenant(id).Create("Acme", TenantStatus.Active, new TenantLimits(MaxConcurrentJobs: 3, JobsPerMonth: 10),
            new Dictionary<string, string> { ["language"] = "fr", ["tone"] = "brief" });

        var updated = await Tenant(id).Update(new TenantChange(Limits: new TenantLimits(JobsPerMonth: 20),
            Settings: new Dictionary<string, string?> { ["language"] = null, ["currency"] = "EUR" }));

        Assert.Equal(3, updated!.Limits.MaxConcurrentJobs);
        Assert.Equal(20, updated.Limits.JobsPerMonth);
        Assert.Equal(new Dictionary<string, string> { ["tone"] = "brief", ["currency"] = "EUR" }, updated.Settings);
        Assert.Null(await Tenant(Requests.NewTenant()).Update(new TenantChange(Name: "nobody")));
    }

    [Fact]
    public async Task The_queue_runs_as_many_jobs_as_the_tenants_limit_and_admits_more_when_it_is_raised()
    {
        var id = Requests.NewTenant();
        await Tenant(id).Create("Acme", TenantStatus.Active, new TenantLimits(MaxConcurrentJobs: 1), NoSettings);
        var gate = Guid.NewGuid().ToString("N");
        var jobs = Enumerable.Range(0, 2).Select(_ => fixture.Job(id, Requests.NewJobId())).ToList();
        foreach (var job in jobs)
        {
            await job.Submit(Requests.Gated(gate));
        }

        var before = await fixture.Queue(id).GetStats();
        await Tenant(id).Update(new TenantChange(Limits: new TenantLimits(MaxConcurrentJobs: 2)));
        var after = await fixture.Queue(id).GetStats();

        Assert.Equal((1, 1, 1), (before.ConcurrencyLimit, before.Running, before.Normal));
        Assert.Equal((2, 2, 0), (after.ConcurrencyLimit, after.Running, after.Normal));
        TestGates.Open(gate);
        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await JobWaits.Terminal(job))!.Status);
        }
    }

    [Fact]
    public async Task A_suspended_tenants_queue_admits_nothing_until_it_is_resumed()
    {
        var id = Requests.NewTenant();
        await Tenant(id).Create("Acme", TenantStatus.Active, TenantLimits.None, NoSettings);
        await Tenant(id).Update(new TenantChange(Status: TenantStatus.Suspended));
        var job = fixture.Job(id, Requests.NewJobId());

        var outcome = await job.Submit(Requests.Csv());
        var whileSuspended = await fixture.Queue(id).GetStats();
        await Tenant(id).Update(new TenantChange(Status: TenantStatus.Active));

        Assert.Equal(JobStatus.Queued, outcome.Job.Status);
        Assert.Equal(1, outcome.PositionInQueue);
        Assert.Equal((0, 1), (whileSuspended.Running, whileSuspended.Normal));
        Assert.Equal(JobStatus.Completed, (await JobWaits.Terminal(job))!.Status);
    }

    [Fact]
    public async Task The_registry_lists_created_tenants_in_order()
    {
        var ids = new[] { "zz" + Requests.NewTenant(), "aa" + Requests.NewTenant() };
        foreach (var id in ids)
        {
            await Tenant(id).Ensure(id);
        }

        var (all, total) = await fixture.Client.GetGrain<ITenantRegistry>(ITenantRegistry.Key).List(1, 10_000);

        Assert.Contains(ids[0], all);
        Assert.Contains(ids[1], all);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Count, total);
    }

    [Fact]
    public async Task A_months_job_count_stops_at_the_limit_and_a_retry_is_handed_back()
    {
        var usage = fixture.Client.GetGrain<ITenantUsage>(ITenantUsage.KeyFor(Requests.NewTenant(), DateTimeOffset.UtcNow));

        var counts = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add((await usage.TryCountJob(2)).Counted);
        }
        await usage.Uncount();
        var afterRefund = await usage.TryCountJob(2);

        Assert.Equal([true, true, false], counts);
        Assert.Equal((true, 2), afterRefund);
    }
}
