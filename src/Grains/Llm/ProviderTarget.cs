namespace Actors.Llm;

/// <summary>
/// A chain entry ready to call: where, which model, with which key (plaintext in memory only) and
/// whose key it is. <see cref="GrainKey"/> names its breaker: one per entry, model and key owner.
/// </summary>
public sealed record ProviderTarget(string Owner, string Name, string Kind, string Endpoint, string Model, string? ApiKey, ProviderLimits Limits)
{
    public const string GlobalOwner = "global";

    public string GrainKey => $"{Owner}/{Name}/{Model}";

    /// <summary>Whose chain a breaker's <see cref="GrainKey"/> belongs to, for metrics: <c>global</c> (the operator's) or <c>tenant</c>.</summary>
    public static string ChainOf(string grainKey) =>
        grainKey.StartsWith(GlobalOwner + "/", StringComparison.Ordinal) ? GlobalOwner : Actors.Observability.ActorsMetrics.TenantChain;

    /// <summary>What reports and provenance call it: <c>entry:model</c>.</summary>
    public string Label => $"{Name}:{Model}";

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{Label} ({Kind} at {Endpoint}, owner {Owner})";
}
