namespace Actors.Llm;

/// <summary>A tenant's LLM settings. Keys arrive in plaintext only in a change and are sealed here before they are stored.</summary>
public sealed class TenantProvidersGrain(
    [PersistentState("tenant-providers", StorageNames.Grains)] IPersistentState<TenantLlmSettings> state,
    SecretBox secrets) : Grain, ITenantProviders
{
    public Task<TenantLlmSettings> Get() => Task.FromResult(Current);

    public async Task Put(TenantLlmSettings settings)
    {
        state.State = settings;
        await state.WriteStateAsync();
    }

    public async Task<ProviderChainChangeOutcome> Change(ProviderChainChange change)
    {
        var tenantId = this.GetPrimaryKeyString();
        var current = Current;
        var errors = new Dictionary<string, string[]>();
        var chain = new List<ProviderEntry>();
        for (var i = 0; i < change.Chain.Count; i++)
        {
            var entry = change.Chain[i];
            var before = current.Chain.FirstOrDefault(c => c.Name == entry.Name);
            var moved = before is not null && (before.Endpoint != entry.Endpoint || before.Kind != entry.Kind);
            string? cipher;
            if (entry.ApiKey is null)
            {
                if (moved && before!.ApiKeyCipher is not null)
                {
                    // The key was given for the old endpoint: carried over, it would go to wherever the entry points now.
                    errors[$"chain[{i}].api_key"] = ["The entry's kind or endpoint changed, so its stored key is not carried over: send api_key again, or \"\" for none."];
                }
                cipher = moved ? null : before?.ApiKeyCipher;
            }
            else
            {
                cipher = entry.ApiKey.Length == 0 ? null : secrets.Seal(entry.ApiKey, SecretOwner.ProviderKey(tenantId, entry.Name));
            }
            chain.Add(new ProviderEntry(entry.Name, entry.Kind, entry.Endpoint, entry.Model, cipher, entry.RequestsPerMinute, entry.TokensPerMinute));
        }
        if (errors.Count > 0)
        {
            return new ProviderChainChangeOutcome(null, errors);
        }
        var settings = new TenantLlmSettings(chain, change.MonthlyBudgetUsd);
        await Put(settings);
        return new ProviderChainChangeOutcome(settings, errors);
    }

    private TenantLlmSettings Current => state.RecordExists ? state.State : TenantLlmSettings.None;
}
