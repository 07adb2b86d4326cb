using System.Security.Cryptography;
using Actors.Grains.Tests.Infrastructure;
using Actors.Tenants;

namespace Actors.Grains.Tests.Tenants;

[Collection(JobClusterCollection.Name)]
public sealed class TenantKeysTests(JobClusterFixture fixture)
{
    private static ApiKeyEntry NewEntry(string name = "ci", DateTimeOffset? expiresAt = null) =>
        new("key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            "ak_live_abcd", name, ["analyses:read"], DateTimeOffset.UtcNow, expiresAt, Revoked: false);

    private IApiKey Grant(ApiKeyEntry entry) => fixture.Client.GetGrain<IApiKey>(entry.Hash);

    [Fact]
    public async Task An_added_key_is_granted_to_its_tenant_and_adding_it_again_changes_nothing()
    {
        var tenant = Requests.NewTenant();
        var keys = fixture.Client.GetGrain<ITenantKeys>(tenant);
        var entry = NewEntry();

        await keys.Add(entry);
        await keys.Add(entry with { KeyId = "key_other" });
        var grant = await Grant(entry).Get();

        Assert.Equal(tenant, grant!.TenantId);
        Assert.Equal(entry.KeyId, grant.KeyId);
        Assert.Equal(entry.KeyId, Assert.Single(await keys.List()).KeyId);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_its_grant()
    {
        var keys = fixture.Client.GetGrain<ITenantKeys>(Requests.NewTenant());
        var entry = NewEntry();
        await keys.Add(entry);

        var listing = await keys.Revoke(entry.KeyId);
        var grant = await Grant(entry).Get();

        Assert.True(listing!.Revoked);
        Assert.True(grant!.Revoked);
        Assert.False(grant.IsUsableAt(DateTimeOffset.UtcNow));
        Assert.Null(await keys.Revoke("key_unknown"));
    }

    [Fact]
    public async Task Rotation_grants_the_new_key_and_ends_the_old_one_at_the_grace_period()
    {
        var keys = fixture.Client.GetGrain<ITenantKeys>(Requests.NewTenant());
        var old = NewEntry();
        await keys.Add(old);
        var replacement = NewEntry();
        var graceEnds = DateTimeOffset.UtcNow.AddMinutes(10);

        var rotated = await keys.Rotate(old.KeyId, replacement, graceEnds);
        var oldGrant = await Grant(old).Get();
        var newGrant = await Grant(replacement).Get();
        var listed = await keys.List();

        Assert.Equal(replacement.KeyId, rotated!.KeyId);
        Assert.Equal(graceEnds, oldGrant!.ExpiresAt);
        Assert.True(oldGrant.IsUsableAt(DateTimeOffset.UtcNow));
        Assert.False(oldGrant.IsUsableAt(graceEnds));
        Assert.True(newGrant!.IsUsableAt(graceEnds));
        Assert.Equal(replacement.KeyId, listed.Single(k => k.KeyId == old.KeyId).ReplacedBy);
    }

    [Fact]
    public async Task A_rotation_never_extends_a_keys_life_and_a_revoked_key_is_not_rotated()
    {
        var keys = fixture.Client.GetGrain<ITenantKeys>(Requests.NewTenant());
        var soon = DateTimeOffset.UtcNow.AddMinutes(1);
        var shortLived = NewEntry(expiresAt: soon);
        var revoked = NewEntry();
        await keys.Add(shortLived);
        await keys.Add(revoked);
        await keys.Revoke(revoked.KeyId);

        await keys.Rotate(shortLived.KeyId, NewEntry(), DateTimeOffset.UtcNow.AddDays(1));
        var refused = await keys.Rotate(revoked.KeyId, NewEntry(), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(soon, (await Grant(shortLived).Get())!.ExpiresAt);
        Assert.Null(refused);
    }

    [Fact]
    public async Task A_full_index_refuses_new_keys_until_one_is_revoked()
    {
        var keys = fixture.Client.GetGrain<ITenantKeys>(Requests.NewTenant());
        var entries = Enumerable.Range(0, ITenantKeys.Capacity).Select(_ => NewEntry()).ToList();
        foreach (var entry in entries)
        {
            await keys.Add(entry);
        }

        var refused = await keys.Add(NewEntry());
        await keys.Revoke(entries[10].KeyId);
        var accepted = await keys.Add(NewEntry());

        Assert.Null(refused);
        Assert.NotNull(accepted);
        Assert.Equal(ITenantKeys.Capacity, (await keys.List()).Count);
    }

    [Fact]
    public async Task Last_use_keeps_the_latest_report()
    {
        var keys = fixture.Client.GetGrain<ITenantKeys>(Requests.NewTenant());
        var entry = NewEntry();
        await keys.Add(entry);
        var later = DateTimeOffset.UtcNow;

        // One-way reports: wait until both have arrived (the grant has seen the older one after the later one).
        await Grant(entry).RecordUse(later.AddMinutes(-10));
        await Grant(entry).RecordUse(later);
        await Grant(entry).RecordUse(later.AddMinutes(-5));
        await Eventually.Until(() => Grant(entry).GetLastUsed(), at => at == later, "the latest report to arrive");
        await Grant(entry).RecordUse(later.AddMinutes(-1));
        var listed = Assert.Single(await keys.List());

        Assert.Equal(later, listed.LastUsedAt);
    }
}
