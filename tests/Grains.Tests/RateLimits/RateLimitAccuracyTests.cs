using Actors.RateLimits;

namespace Actors.Grains.Tests.RateLimits;

/// <summary>
/// Callers on both silos hammer the same buckets at once. The clock is stopped, so no token is
/// refilled during a burst and the bucket arithmetic says exactly how many requests get in.
/// Each test uses its own tenant.
/// </summary>
[Collection(RateLimitClusterCollection.Name)]
public sealed class RateLimitAccuracyTests(RateLimitClusterFixture fixture)
{
    private const int CallersPerNode = 16;
    private const int RequestsPerCaller = 10;

    [Fact]
    public async Task One_key_hammered_from_two_nodes_admits_exactly_its_limit()
    {
        var gates = fixture.Gates(Limits(perKey: 25, perTenant: 1_000_000));

        var verdicts = await HammerAsync(gates, "t-one-key", _ => "key:alpha");

        Assert.Equal(25, verdicts.Count(v => v.Admitted));
        Assert.All(verdicts.Where(v => !v.Admitted), v => Assert.Equal(RateLimitScope.Key, v.Scope));
        Assert.Equal(TimeSpan.FromSeconds(60.0 / 25), verdicts.Where(v => !v.Admitted).Min(v => v.Decision.RetryAfter));
        // Every remaining count from 24 down to 0 was handed out exactly once.
        Assert.Equal(Enumerable.Range(0, 25).Reverse(), verdicts.Where(v => v.Admitted).Select(v => v.Decision.Remaining).OrderDescending());
    }

    [Fact]
    public async Task Many_keys_of_one_tenant_hammered_from_two_nodes_admit_exactly_the_tenant_total()
    {
        var gates = fixture.Gates(Limits(perKey: 1_000_000, perTenant: 40));

        var verdicts = await HammerAsync(gates, "t-many-keys", caller => $"key:k{caller % 7}");

        Assert.Equal(40, verdicts.Count(v => v.Admitted));
        Assert.All(verdicts.Where(v => !v.Admitted), v => Assert.Equal(RateLimitScope.Tenant, v.Scope));
    }

    [Fact]
    public async Task When_both_limits_bind_neither_is_exceeded()
    {
        var gates = fixture.Gates(Limits(perKey: 12, perTenant: 30));

        var verdicts = await HammerAsync(gates, "t-both", caller => $"key:k{caller % 4}", withCaller: true);

        var admitted = verdicts.Where(v => v.Verdict.Admitted).ToList();
        Assert.True(admitted.Count <= 30, $"the tenant admitted {admitted.Count} of 30");
        Assert.All(admitted.GroupBy(v => v.Caller), key => Assert.True(key.Count() <= 12, $"{key.Key} admitted {key.Count()} of 12"));
        // Four keys of 12 could take 48: the tenant's 30 bind, and refunds never push a bucket past its limit.
        await AssertDrainedAsync(gates[0], "t-both", RateLimitPolicy.Submit, admitted.Count, 30);
    }

    [Fact]
    public async Task A_stopped_clock_admits_nothing_more_and_one_interval_later_admits_exactly_one_per_key()
    {
        var gates = fixture.Gates(Limits(perKey: 6, perTenant: 1_000_000));
        await HammerAsync(gates, "t-refill", caller => $"key:k{caller % 2}");

        Assert.False((await gates[1].CheckAsync("t-refill", "key:k0", RateLimitPolicy.Submit)).Admitted);
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));

        var again = await HammerAsync(gates, "t-refill", caller => $"key:k{caller % 2}");
        Assert.Equal(2, again.Count(v => v.Admitted));
    }

    [Fact]
    public async Task Keys_tenants_and_policies_have_separate_buckets()
    {
        var gates = fixture.Gates(Limits(perKey: 2, perTenant: 1_000_000));
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await gates[i].CheckAsync("t-separate", "key:a", RateLimitPolicy.Submit)).Admitted);
        }
        Assert.False((await gates[0].CheckAsync("t-separate", "key:a", RateLimitPolicy.Submit)).Admitted);

        Assert.True((await gates[0].CheckAsync("t-separate", "key:b", RateLimitPolicy.Submit)).Admitted);
        Assert.True((await gates[0].CheckAsync("t-separate", "key:a", RateLimitPolicy.Read)).Admitted);
        Assert.True((await gates[1].CheckAsync("t-separate-too", "key:a", RateLimitPolicy.Submit)).Admitted);
    }

    [Fact]
    public async Task A_tenant_override_replaces_the_default_for_that_tenant_only()
    {
        var settings = Limits(perKey: 2, perTenant: 1_000_000);
        settings["Actors:RateLimits:Tenants:t-big:Submit:PerKey"] = "5";
        var gates = fixture.Gates(settings);

        Assert.Equal(new RateLimitQuota(5, 1_000_000), await gates[0].QuotaAsync("t-big", RateLimitPolicy.Submit));
        Assert.Equal(new RateLimitQuota(2, 1_000_000), await gates[0].QuotaAsync("t-small", RateLimitPolicy.Submit));
        Assert.Equal(5, (await HammerAsync(gates, "t-big", _ => "key:a")).Count(v => v.Admitted));
    }

    private static Dictionary<string, string?> Limits(int perKey, int perTenant) => new()
    {
        ["Actors:RateLimits:Submit:PerKey"] = perKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Actors:RateLimits:Submit:PerTenant"] = perTenant.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<IReadOnlyList<RateLimitVerdict>> HammerAsync(IReadOnlyList<RateLimitGate> gates, string tenant, Func<int, string> callerOf) =>
        [.. (await HammerAsync(gates, tenant, callerOf, withCaller: true)).Select(v => v.Verdict)];

    /// <summary><see cref="CallersPerNode"/> concurrent callers on each node, each sending <see cref="RequestsPerCaller"/> submits in a row.</summary>
    private static async Task<IReadOnlyList<(string Caller, RateLimitVerdict Verdict)>> HammerAsync(
        IReadOnlyList<RateLimitGate> gates, string tenant, Func<int, string> callerOf, bool withCaller)
    {
        using var start = new ManualResetEventSlim();
        var callers = gates.SelectMany((gate, node) => Enumerable.Range(0, CallersPerNode).Select(i => Task.Run(async () =>
        {
            var caller = callerOf(node * CallersPerNode + i);
            start.Wait();
            var verdicts = new List<(string, RateLimitVerdict)>();
            for (var r = 0; r < RequestsPerCaller; r++)
            {
                verdicts.Add((caller, await gate.CheckAsync(tenant, caller, RateLimitPolicy.Submit)));
            }
            return verdicts;
        }))).ToList();
        start.Set();
        return [.. (await Task.WhenAll(callers)).SelectMany(v => v)];
    }

    /// <summary>Takes what the tenant bucket still holds, one by one from fresh keys: with the burst's admissions, exactly its limit.</summary>
    private static async Task AssertDrainedAsync(RateLimitGate gate, string tenant, RateLimitPolicy policy, int admittedBefore, int limit)
    {
        var more = 0;
        while ((await gate.CheckAsync(tenant, $"key:drain{more}", policy)).Admitted)
        {
            more++;
        }
        Assert.Equal(limit, admittedBefore + more);
    }
}
