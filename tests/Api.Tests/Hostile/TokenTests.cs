using Actors.Api.Tests.Tenancy;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// Bearer tokens a hostile or careless identity provider could issue: one that lives for months, and one
/// for a tenant that does not exist (it must not run as a fresh tenant with the default limits).
/// </summary>
[Collection(TenancyNodeCollection.Name)]
public sealed class TokenTests(TenancyNode node)
{
    [Theory]
    [InlineData(1, 90 * 24 * 60, false)]      // issued now, expires in 90 days
    [InlineData(30 * 24 * 60, 5, false)]      // issued 30 days ago, expires in 5 minutes
    [InlineData(1, 8 * 60, true)]             // an 8-hour token
    public async Task A_token_living_longer_than_the_maximum_is_401_saying_so(int issuedMinutesAgo, int expiresInMinutes, bool accepted)
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);
        using var client = node.NewBearerClient(Token(tenantId, TimeSpan.FromMinutes(issuedMinutesAgo), TimeSpan.FromMinutes(expiresInMinutes)));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("longer", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_for_an_unknown_tenant_is_401_and_creates_no_tenant()
    {
        var unknown = TenancyCalls.NewTenantId();
        using var client = node.NewBearerClient(node.Token(unknown, ["admin"]));

        using var list = await client.GetAsync(ApiCalls.Analyses);
        using var submit = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        var problem = await list.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("not known", problem.GetProperty("detail").GetString());
        await submit.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using var tenant = await node.Platform.GetAsync($"/api/v1/tenants/{unknown}");
        Assert.Equal(HttpStatusCode.NotFound, tenant.StatusCode);
    }

    private string Token(string tenantId, TimeSpan issuedAgo, TimeSpan expiresIn)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TenancyNode.Issuer,
            Audience = TenancyNode.Audience,
            IssuedAt = now - issuedAgo,
            NotBefore = now - issuedAgo,
            Expires = now + expiresIn,
            Claims = new Dictionary<string, object> { ["sub"] = "user-1", ["tenant_id"] = tenantId, ["roles"] = new[] { "admin" } },
            SigningCredentials = new SigningCredentials(node.HmacKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
