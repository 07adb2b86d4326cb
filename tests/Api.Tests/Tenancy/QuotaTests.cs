namespace Actors.Api.Tests.Tenancy;

/// <summary>Quotas from the tenant's limits: jobs per month, payload size, records per job, concurrent jobs.</summary>
[Collection(TenancyNodeCollection.Name)]
public sealed class QuotaTests(TenancyNode node)
{
    [Fact]
    public async Task Submissions_beyond_the_monthly_job_quota_are_429_quota_jobs_per_month()
    {
        var (_, key) = await node.NewTenantWithKeyAsync(new { jobs_per_month = 2 });
        using var client = node.NewClient(key.Key);
        await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        using var third = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));
        var own = await client.GetJsonAsync("/api/v1/tenant");

        var problem = await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "quota_jobs_per_month");
        Assert.Equal("jobs_per_month", problem.GetProperty("quota").GetString());
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After until the month ends");
        Assert.Equal(2, own.GetProperty("usage").GetProperty("jobs_submitted").GetInt32());
    }

    [Fact]
    public async Task An_idempotent_retry_is_not_counted_against_the_monthly_quota()
    {
        var (_, key) = await node.NewTenantWithKeyAsync(new { jobs_per_month = 2 });
        using var client = node.NewClient(key.Key);
        var body = Bodies.Csv(Bodies.SmallCsv);

        using var first = await client.SubmitAsync(body, "retry-1");
        using var retry = await client.SubmitAsync(body, "retry-1");
        using var second = await client.SubmitAsync(body);
        using var third = await client.SubmitAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "quota_jobs_per_month");
    }

    [Fact]
    public async Task A_body_above_the_tenants_payload_limit_is_413_payload_too_large()
    {
        var (_, key) = await node.NewTenantWithKeyAsync(new { max_payload_bytes = 300 });
        using var client = node.NewClient(key.Key);
        var large = Bodies.Csv("x,y\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"{i},{i * 2}\n")));
        Assert.True(Encoding.UTF8.GetByteCount(large) > 300);

        using var refused = await client.SubmitAsync(large);
        using var accepted = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Contains("300", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_above_the_tenants_payload_limit_is_413_too()
    {
        var (_, key) = await node.NewTenantWithKeyAsync(new { max_payload_bytes = 300 });
        using var client = node.NewClient(key.Key);
        var large = Encoding.UTF8.GetBytes(Bodies.Csv("x,y\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"{i},{i * 2}\n"))));
        using var content = new StreamContent(new MemoryStream(large));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Data_with_more_records_than_the_tenant_allows_is_413_quota_records_per_job()
    {
        var (_, key) = await node.NewTenantWithKeyAsync(new { records_per_job = 3 });
        using var client = node.NewClient(key.Key);

        using var refused = await client.SubmitAsync(Bodies.Records(Enumerable.Range(1, 5).Select(i => new { x = i, y = i * 3 }).ToArray()));
        using var accepted = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "quota_records_per_job");
        Assert.Equal(3, problem.GetProperty("limit").GetInt32());
        Assert.Equal(5, problem.GetProperty("records").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task Jobs_beyond_the_tenants_concurrency_are_queued_not_refused()
    {
        var (tenantId, key) = await node.NewTenantWithKeyAsync(new { max_concurrent_jobs = 2 });
        using var client = node.NewClient(key.Key);
        var gates = Enumerable.Range(0, 3).Select(_ => Gates.NewId()).ToList();
        await client.SubmitGatedRunningAsync(gates[0]);
        await client.SubmitGatedRunningAsync(gates[1]);

        using var third = await client.SubmitAsync(Bodies.Gated(gates[2]));
        var answer = await third.ReadJsonAsync();
        var stats = await node.Node.Cluster.GetGrain<Actors.Jobs.ITenantQueue>(tenantId).GetStats();

        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.Equal(1, answer.GetProperty("position_in_queue").GetInt32());
        Assert.Equal(2, stats.ConcurrencyLimit);
        Assert.Equal(2, stats.Running);

        Gates.Open(gates[0]);
        await Eventually.For(Gates.WhenEntered(gates[2]), "the queued job to start once a slot is free");
        Gates.Open(gates[1]);
        Gates.Open(gates[2]);
    }
}
