using Actors.Grains.Tests.Infrastructure;
using Actors.Llm;

namespace Actors.Grains.Tests.Llm;

/// <summary>The tenant's provider settings grain seals the keys it is given and keeps a key only where it was given.</summary>
[Collection(LlmClusterCollection.Name)]
public sealed class TenantProvidersChangeTests(LlmClusterFixture fixture)
{
    private static ProviderEntryChange Entry(string endpoint, string? apiKey) =>
        new("mine", ProviderEntry.OpenAi, endpoint, "gpt-test", apiKey, null, null);

    [Fact]
    public async Task A_new_key_is_stored_sealed_and_opens_to_what_was_sent()
    {
        var tenant = Requests.NewTenant();
        var grain = fixture.Client.GetGrain<ITenantProviders>(tenant);

        var outcome = await grain.Change(new ProviderChainChange([Entry("http://127.0.0.1:9/v1", "sk-tenant-secret")], 5m));

        Assert.Empty(outcome.Errors);
        var stored = (await grain.Get()).Chain.Single();
        Assert.NotNull(stored.ApiKeyCipher);
        Assert.DoesNotContain("sk-tenant-secret", stored.ApiKeyCipher);
        var secrets = fixture.SiloService<SecretBox>(0);
        Assert.Equal("sk-tenant-secret", secrets.Open(stored.ApiKeyCipher!, SecretOwner.ProviderKey(tenant, "mine")));
        Assert.Equal(5m, (await grain.Get()).MonthlyBudgetUsd);
    }

    [Fact]
    public async Task An_omitted_key_stays_on_the_same_endpoint_and_is_refused_for_a_new_one()
    {
        var tenant = Requests.NewTenant();
        var grain = fixture.Client.GetGrain<ITenantProviders>(tenant);
        await grain.Change(new ProviderChainChange([Entry("http://127.0.0.1:9/v1", "sk-first")], null));
        var sealedKey = (await grain.Get()).Chain.Single().ApiKeyCipher;

        var kept = await grain.Change(new ProviderChainChange([Entry("http://127.0.0.1:9/v1", null)], null));
        var moved = await grain.Change(new ProviderChainChange([Entry("http://127.0.0.1:10/v1", null)], null));

        Assert.Equal(sealedKey, kept.Settings!.Chain.Single().ApiKeyCipher);
        Assert.Null(moved.Settings);
        Assert.Contains("chain[0].api_key", moved.Errors.Keys);
        // Nothing was stored by the refused change.
        Assert.Equal("http://127.0.0.1:9/v1", (await grain.Get()).Chain.Single().Endpoint);
    }

    [Fact]
    public void A_change_prints_without_its_key()
    {
        Assert.DoesNotContain("sk-hidden", Entry("http://127.0.0.1:9/v1", "sk-hidden").ToString());
    }
}
