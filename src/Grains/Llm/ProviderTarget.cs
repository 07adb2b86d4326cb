namespace Actors.Llm;

/// <summary>
/// A chain entry ready to call: where, which model, with which key (plaintext in memory only) and
/// whose key it is. <see cref="GrainKey"/> names its breaker and minute buckets.
/// </summary>
/// <param name="Owner">The tenant whose entry this is, or <see cref="GlobalOwner"/> for the operator's global chain.</param>
/// <param name="TenantId">The tenant the call is made for (the owner itself for a tenant's own entry).</param>
public sealed record ProviderTarget(string Owner, string TenantId, string Name, string Kind, string Endpoint, string Model, string? ApiKey, ProviderLimits Limits)
{
    public const string GlobalOwner = "global";

    /// <summary>Whether this is an entry of the operator's global chain (the operator's endpoint, key and bill).</summary>
    public bool IsOperators => Owner == GlobalOwner;

    /// <summary>
    /// One breaker per entry, model and tenant. A tenant's own entry: <c>{tenant}/{entry}/{model}</c>.
    /// A global entry: <c>global:{tenant}/{entry}/{model}</c>, so no tenant can open the operator's
    /// circuit or spend its minute buckets for the others, and since a tenant id never holds a ':',
    /// no tenant's own entry (a tenant named <c>global</c> included) shares a key with it.
    /// </summary>
    public string GrainKey => IsOperators ? $"{GlobalOwner}:{TenantId}/{Name}/{Model}" : $"{Owner}/{Name}/{Model}";

    /// <summary>Whose chain a breaker's <see cref="GrainKey"/> belongs to, for metrics: <c>global</c> (the operator's) or <c>tenant</c>.</summary>
    public static string ChainOf(string grainKey) =>
        grainKey.StartsWith(GlobalOwner + ":", StringComparison.Ordinal) ? GlobalOwner : Actors.Observability.ActorsMetrics.TenantChain;

    /// <summary>What reports and provenance call it: <c>entry:model</c>.</summary>
    public string Label => $"{Name}:{Model}";

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{Label} ({Kind} at {Endpoint}, owner {Owner})";
}
