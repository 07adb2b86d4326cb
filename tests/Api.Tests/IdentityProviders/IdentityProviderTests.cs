using Actors.Api.WebConsole;
using Actors.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.IdentityProviders;

/// <summary>Tokens from identity providers found by OpenID discovery: algorithms, tenants per issuer, key rotation.</summary>
public sealed class IdentityProviderTests(IdentityProviderNode node) : IClassFixture<IdentityProviderNode>
{
    private string IssuerA => node.Provider.IssuerOf("a");
    private string IssuerB => node.Provider.IssuerOf("b");

    [Theory]
    [InlineData("a", SecurityAlgorithms.EcdsaSha256)]
    [InlineData("b", SecurityAlgorithms.RsaSsaPssSha256)]
    [InlineData("b", SecurityAlgorithms.RsaSha256)]
    public async Task A_token_signed_with_the_providers_published_key_is_accepted(string realm, string algorithm)
    {
        SecurityKey key = realm == "a" ? node.KeyA : node.KeyB;
        using var client = node.Bearer(LoopbackProvider.Token(node.Provider.IssuerOf(realm), key, algorithm));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Each_issuer_acts_only_in_its_own_tenant_whatever_the_token_claims()
    {
        using var a = node.Bearer(LoopbackProvider.Token(IssuerA, node.KeyA, SecurityAlgorithms.EcdsaSha256));
        // Issuer A's token naming tenant B in its claims: still tenant A.
        using var claimsB = node.Bearer(LoopbackProvider.Token(IssuerA, node.KeyA, SecurityAlgorithms.EcdsaSha256,
            extraClaims: new Dictionary<string, object> { ["tenant_id"] = node.TenantB }));
        using var b = node.Bearer(LoopbackProvider.Token(IssuerB, node.KeyB, SecurityAlgorithms.RsaSsaPssSha256));
        var jobOfB = await b.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        using var fromA = await a.GetAsync($"{ApiCalls.Analyses}/{jobOfB}");
        using var fromClaimsB = await claimsB.GetAsync($"{ApiCalls.Analyses}/{jobOfB}");
        using var fromB = await b.GetAsync($"{ApiCalls.Analyses}/{jobOfB}");

        Assert.Equal(HttpStatusCode.NotFound, fromA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromClaimsB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
    }

    [Fact]
    public async Task A_token_naming_issuer_b_but_signed_with_issuer_as_key_is_401()
    {
        using var client = node.Bearer(LoopbackProvider.Token(IssuerB, node.KeyA, SecurityAlgorithms.EcdsaSha256));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("signature", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_from_an_unknown_issuer_is_401_with_a_problem()
    {
        using var client = node.Bearer(LoopbackProvider.Token(node.Provider.IssuerOf("elsewhere"), node.KeyA, SecurityAlgorithms.EcdsaSha256));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("issuer", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_shared_secret_token_naming_a_provider_is_401()
    {
        var secret = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) { KeyId = "a-1" };
        using var client = node.Bearer(LoopbackProvider.Token(IssuerA, secret, SecurityAlgorithms.HmacSha256));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_console_signs_a_provider_token_into_the_issuers_tenant()
    {
        var sessions = node.Node.Services.GetRequiredService<ConsoleSessions>();

        var signIn = await sessions.SignInAsync(LoopbackProvider.Token(IssuerA, node.KeyA, SecurityAlgorithms.EcdsaSha256,
            extraClaims: new Dictionary<string, object> { ["tenant_id"] = node.TenantB }));

        Assert.True(signIn.Principal is not null, signIn.Refusal);
        Assert.Equal(node.TenantA, signIn.Principal.GetTenantId());
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_on_first_sight_and_the_removed_key_is_refused()
    {
        var issuer = node.Provider.IssuerOf("rotating");
        using (var before = node.Bearer(LoopbackProvider.Token(issuer, node.FirstRotatingKey, SecurityAlgorithms.EcdsaSha256)))
        {
            using var accepted = await before.GetAsync(ApiCalls.Analyses);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        var fetchesBefore = node.Provider.JwksFetches("rotating");
        var second = LoopbackProvider.NewEcKey("rotating-2");
        node.Provider.Publish("rotating", second); // rotating-1 is gone from the set.
        var fetchesAtRotation = node.Provider.JwksFetches("rotating");

        using var after = node.Bearer(LoopbackProvider.Token(issuer, second, SecurityAlgorithms.EcdsaSha256));
        await Wait.Until(async () => { using var r = await after.GetAsync(ApiCalls.Analyses); return r.StatusCode; },
            status => status == HttpStatusCode.OK, "a token signed with the new key 'rotating-2' to be accepted once the node refetched the JWKS");
        using var removed = node.Bearer(LoopbackProvider.Token(issuer, node.FirstRotatingKey, SecurityAlgorithms.EcdsaSha256));
        using var refused = await removed.GetAsync(ApiCalls.Analyses);

        Assert.True(fetchesBefore >= 1, "the node fetched the realm's keys by discovery");
        Assert.True(node.Provider.JwksFetches("rotating") > fetchesAtRotation, "the new key was found by fetching the JWKS again");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("signature", problem.GetProperty("detail").GetString());
    }
}
