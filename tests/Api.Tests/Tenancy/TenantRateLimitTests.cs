namespace Actors.Api.Tests.Tenancy;

/// <summary>A tenant's own <c>requests_per_minute</c> is its total across all its keys, enforced by the rate limiter.</summary>
[Collection(TenancyNodeCollection.Name)]
public sealed class TenantRateLimitTests(TenancyNode node)
{
    [Fact]
    public async Task A_tenants_own_read_limit_caps_the_total_of_its_keys()
    {
        var (tenantId, first) = await node.NewTenantWithKeyAsync(new { requests_per_minute = new { read = 3 } });
        var second = await node.Platform.IssueKeyAsync($"{TenancyCalls.Tenants}/{tenantId}/keys", "second key", ["analyses:read"]);
        using var one = node.NewClient(first.Key);
        using var two = node.NewClient(second.Key);

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { one, two, one, two })
        {
            using var response = await client.GetAsync("/api/v1/analyses");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
                Assert.Equal("tenant", problem.GetProperty("scope").GetString());
                Assert.Equal("3", response.Headers.GetValues("X-RateLimit-Limit").Single());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
