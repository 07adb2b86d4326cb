namespace Actors.Tenants;

/// <summary>The platform's sorted list of tenant ids, for the operator's tenant listing.</summary>
public sealed class TenantRegistryGrain(
    [PersistentState("tenant-registry", StorageNames.Grains)] IPersistentState<TenantRegistryState> state) : Grain, ITenantRegistry
{
    public async Task Add(string tenantId)
    {
        var ids = state.State.TenantIds;
        var index = ids.BinarySearch(tenantId, StringComparer.Ordinal);
        if (index >= 0)
        {
            return;
        }
        ids.Insert(~index, tenantId);
        await state.WriteStateAsync();
    }

    public Task<(IReadOnlyList<string> TenantIds, int Total)> List(int page, int perPage)
    {
        var ids = state.State.TenantIds;
        IReadOnlyList<string> slice = ids.Skip((Math.Max(1, page) - 1) * perPage).Take(perPage).ToList();
        return Task.FromResult((slice, ids.Count));
    }
}
