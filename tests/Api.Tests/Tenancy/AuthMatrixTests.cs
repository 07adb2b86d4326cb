using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Tenants;
using Microsoft.IdentityModel.Tokens;
using Orleans;

namespace Actors.Api.Tests.Tenancy;

/// <summary>
/// Who may call what: API keys (none, bad, expired, revoked, rotated, wrong scope), JWT users (valid,
/// expired, wrong audience, wrong signature) and each role or scope against each class of endpoint.
/// </summary>
[Collection(TenancyNodeCollection.Name)]
public sealed class AuthMatrixTests(TenancyNode node)
{
    public enum EndpointClass
    {
        Submit,
        Read,
        Admin,
        Platform,
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, EndpointClass endpoint) => endpoint switch
    {
        EndpointClass.Submit => client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv)),
        EndpointClass.Read => client.GetAsync(ApiCalls.Analyses),
        EndpointClass.Admin => client.GetAsync(TenancyCalls.Keys),
        _ => client.GetAsync(TenancyCalls.Tenants),
    };

    private static HttpStatusCode Success(EndpointClass endpoint) => endpoint == EndpointClass.Submit ? HttpStatusCode.Accepted : HttpStatusCode.OK;

    private static async Task AssertAnswerAsync(HttpResponseMessage response, EndpointClass endpoint, bool allowed)
    {
        if (allowed)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == Success(endpoint), $"{endpoint}: expected {(int)Success(endpoint)}, got {(int)response.StatusCode}: {body}");
        }
        else
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Theory]
    [InlineData("admin", EndpointClass.Submit, true)]
    [InlineData("admin", EndpointClass.Read, true)]
    [InlineData("admin", EndpointClass.Admin, true)]
    [InlineData("admin", EndpointClass.Platform, false)]
    [InlineData("analyst", EndpointClass.Submit, true)]
    [InlineData("analyst", EndpointClass.Read, true)]
    [InlineData("analyst", EndpointClass.Admin, false)]
    [InlineData("analyst", EndpointClass.Platform, false)]
    [InlineData("viewer", EndpointClass.Submit, false)]
    [InlineData("viewer", EndpointClass.Read, true)]
    [InlineData("viewer", EndpointClass.Admin, false)]
    [InlineData("viewer", EndpointClass.Platform, false)]
    public async Task Each_role_reaches_exactly_its_endpoint_classes(string role, EndpointClass endpoint, bool allowed)
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);
        using var client = node.NewBearerClient(node.Token(tenantId, [role]));

        using var response = await CallAsync(client, endpoint);

        await AssertAnswerAsync(response, endpoint, allowed);
    }

    [Theory]
    [InlineData("admin", EndpointClass.Submit, true)]
    [InlineData("admin", EndpointClass.Read, true)]
    [InlineData("admin", EndpointClass.Admin, true)]
    [InlineData("admin", EndpointClass.Platform, false)]
    [InlineData("analyses:write", EndpointClass.Submit, true)]
    [InlineData("analyses:write", EndpointClass.Read, true)]
    [InlineData("analyses:write", EndpointClass.Admin, false)]
    [InlineData("analyses:read", EndpointClass.Submit, false)]
    [InlineData("analyses:read", EndpointClass.Read, true)]
    [InlineData("analyses:read", EndpointClass.Admin, false)]
    [InlineData("analyses:read", EndpointClass.Platform, false)]
    public async Task Each_key_scope_reaches_exactly_its_endpoint_classes(string scope, EndpointClass endpoint, bool allowed)
    {
        var (_, key) = await node.NewTenantWithKeyAsync(null, scope);
        using var client = node.NewClient(key.Key);

        using var response = await CallAsync(client, endpoint);

        await AssertAnswerAsync(response, endpoint, allowed);
    }

    [Theory]
    [InlineData(EndpointClass.Submit, false)]
    [InlineData(EndpointClass.Read, false)]
    [InlineData(EndpointClass.Admin, false)]
    [InlineData(EndpointClass.Platform, true)]
    public async Task The_bootstrap_admin_key_reaches_only_the_platform_endpoints(EndpointClass endpoint, bool allowed)
    {
        using var response = await CallAsync(node.Platform, endpoint);

        await AssertAnswerAsync(response, endpoint, allowed);
    }

    [Fact]
    public async Task No_credentials_are_401_naming_both_ways_to_authenticate()
    {
        using var response = await node.Anonymous.GetAsync(ApiCalls.Analyses);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("X-API-Key", problem.GetProperty("detail").GetString());
        Assert.Contains("bearer", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bad_key_is_401()
    {
        using var client = node.NewClient(ApiKeyHash.NewPlaintext(test: false));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_expired_key_is_401_while_the_same_grant_unexpired_works()
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);
        var live = ApiKeyHash.NewPlaintext(test: false);
        var expired = ApiKeyHash.NewPlaintext(test: false);
        var cluster = node.Node.Cluster;
        await cluster.GetGrain<IApiKey>(ApiKeyHash.Of(live)).Register(Grant(tenantId, DateTimeOffset.UtcNow.AddHours(1)));
        await cluster.GetGrain<IApiKey>(ApiKeyHash.Of(expired)).Register(Grant(tenantId, DateTimeOffset.UtcNow.AddSeconds(-1)));
        using var liveClient = node.NewClient(live);
        using var expiredClient = node.NewClient(expired);

        using var ok = await liveClient.GetAsync(ApiCalls.Analyses);
        using var refused = await expiredClient.GetAsync(ApiCalls.Analyses);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_key_whose_expiry_passes_stops_working()
    {
        var (tenantId, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);
        var shortLived = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "short", ["analyses:read"], DateTimeOffset.UtcNow.AddSeconds(2));
        using var client = node.NewClient(shortLived.Key);
        using (var before = await client.GetAsync(ApiCalls.Analyses))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Eventually.Until(async () => (await client.GetAsync(ApiCalls.Analyses)).StatusCode, s => s == HttpStatusCode.Unauthorized,
            $"the key of tenant {tenantId} to expire");

        var listed = await adminClient.GetJsonAsync(TenancyCalls.Keys);
        Assert.Equal("expired", listed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == shortLived.Id).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_key_with_an_expiry_in_the_past_is_not_issued()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);

        using var response = await adminClient.PostJsonAsync(TenancyCalls.Keys, new { name = "late", scopes = new[] { "analyses:read" }, expires_at = DateTimeOffset.UtcNow.AddMinutes(-1) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("expires_at", out _));
    }

    [Fact]
    public async Task A_revoked_key_is_401_at_once_on_the_node_that_revoked_it()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);
        var doomed = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "doomed", ["analyses:read"]);
        using var client = node.NewClient(doomed.Key);
        using (var before = await client.GetAsync(ApiCalls.Analyses))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await adminClient.DeleteAsync($"{TenancyCalls.Keys}/{doomed.Id}");
        var revoked = await revoke.ReadJsonAsync();
        using var after = await client.GetAsync(ApiCalls.Analyses);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_rotated_key_works_during_its_grace_period_beside_the_new_one()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);
        var old = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "ci", ["analyses:read"]);

        using var rotate = await adminClient.PostJsonAsync($"{TenancyCalls.Keys}/{old.Id}/rotate", new { grace_period_seconds = 3600 });
        var rotated = await rotate.ReadJsonAsync();
        using var oldClient = node.NewClient(old.Key);
        using var newClient = node.NewClient(rotated.GetProperty("key").GetString());
        using var oldAnswer = await oldClient.GetAsync(ApiCalls.Analyses);
        using var newAnswer = await newClient.GetAsync(ApiCalls.Analyses);

        Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        Assert.Equal(old.Id, rotated.GetProperty("replaces").GetProperty("id").GetString());
        Assert.Equal(["analyses:read"], rotated.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, oldAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAnswer.StatusCode);
    }

    [Fact]
    public async Task A_rotated_key_is_401_after_its_grace_period_while_the_new_one_works()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);
        var old = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "ci", ["analyses:read"]);
        using var oldClient = node.NewClient(old.Key);
        using (var cached = await oldClient.GetAsync(ApiCalls.Analyses))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        using var rotate = await adminClient.PostJsonAsync($"{TenancyCalls.Keys}/{old.Id}/rotate", new { grace_period_seconds = 0 });
        var rotated = await rotate.ReadJsonAsync();
        using var newClient = node.NewClient(rotated.GetProperty("key").GetString());
        using var oldAnswer = await oldClient.GetAsync(ApiCalls.Analyses);
        using var newAnswer = await newClient.GetAsync(ApiCalls.Analyses);

        await oldAnswer.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, newAnswer.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_cannot_be_rotated()
    {
        var (_, admin) = await node.NewTenantWithKeyAsync();
        using var adminClient = node.NewClient(admin.Key);
        var key = await adminClient.IssueKeyAsync(TenancyCalls.Keys, "gone", ["analyses:read"]);
        (await adminClient.DeleteAsync($"{TenancyCalls.Keys}/{key.Id}")).Dispose();

        using var rotate = await adminClient.PostJsonAsync($"{TenancyCalls.Keys}/{key.Id}/rotate", new { });

        await rotate.AssertProblemAsync(HttpStatusCode.Conflict, "key_not_active");
    }

    [Fact]
    public async Task A_valid_token_of_each_signing_kind_is_accepted()
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);
        using var hs256 = node.NewBearerClient(node.Token(tenantId, ["viewer"]));
        using var rs256 = node.NewBearerClient(node.Token(tenantId, ["viewer"], node.RsaKey));

        using var hsAnswer = await hs256.GetAsync(ApiCalls.Analyses);
        using var rsAnswer = await rs256.GetAsync(ApiCalls.Analyses);

        Assert.Equal(HttpStatusCode.OK, hsAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rsAnswer.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401_saying_so()
    {
        using var client = node.NewBearerClient(node.Token(TenancyCalls.NewTenantId(), ["admin"], expiresIn: TimeSpan.FromHours(-1)));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        using var client = node.NewBearerClient(node.Token(TenancyCalls.NewTenantId(), ["admin"], audience: "some-other-api"));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("audience", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("hs256")]
    [InlineData("rs256")]
    public async Task A_token_signed_with_a_key_the_node_does_not_trust_is_401(string kind)
    {
        SecurityKey stranger = kind == "hs256"
            ? new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32))
            : new RsaSecurityKey(RSA.Create(2048)) { KeyId = TenancyNode.RsaKeyId };
        using var client = node.NewBearerClient(node.Token(TenancyCalls.NewTenantId(), ["admin"], stranger));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_token_without_a_tenant_is_401()
    {
        using var client = node.NewBearerClient(node.Token("", ["admin"]));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Scope_and_tenant_claims_inside_a_token_grant_nothing_beyond_its_roles()
    {
        var tenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(tenantId);
        var token = node.Token(tenantId, ["viewer"], extraClaims: new Dictionary<string, object> { ["scope"] = "admin analyses:write platform:admin" });
        using var client = node.NewBearerClient(token);

        using var submit = await CallAsync(client, EndpointClass.Submit);
        using var admin = await CallAsync(client, EndpointClass.Admin);
        using var platform = await CallAsync(client, EndpointClass.Platform);

        await submit.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await admin.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await platform.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_user_sees_only_the_jobs_of_the_tenant_in_the_token()
    {
        var (tenantId, key) = await node.NewTenantWithKeyAsync();
        using var keyClient = node.NewClient(key.Key);
        var jobId = await keyClient.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        using var sameTenant = node.NewBearerClient(node.Token(tenantId, ["viewer"]));
        var otherTenantId = TenancyCalls.NewTenantId();
        await node.CreateTenantAsync(otherTenantId);
        using var otherTenant = node.NewBearerClient(node.Token(otherTenantId, ["viewer"]));

        using var own = await sameTenant.GetAsync($"{ApiCalls.Analyses}/{jobId}");
        using var foreign = await otherTenant.GetAsync($"{ApiCalls.Analyses}/{jobId}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static ApiKeyInfo Grant(string tenantId, DateTimeOffset expiresAt) =>
        new(tenantId, "expiry test", "ak_live_test", [Scopes.AnalysesRead], DateTimeOffset.UtcNow.AddDays(-1), Revoked: false, expiresAt);
}
