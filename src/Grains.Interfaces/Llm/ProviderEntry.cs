namespace Actors.Llm;

/// <summary>
/// One entry of a tenant's fallback chain. <see cref="ApiKeyCipher"/> is the key encrypted at rest
/// (never the plaintext; the API never returns it).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderEntry")]
public sealed record ProviderEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Endpoint,
    [property: Id(3)] string Model,
    [property: Id(4)] string? ApiKeyCipher,
    [property: Id(5)] int? RequestsPerMinute,
    [property: Id(6)] long? TokensPerMinute)
{
    public const string OpenAi = "openai";
    public const string Ollama = "ollama";

    /// <summary>The label of the statistical engine, the chain's last tier: no entry may take this name.</summary>
    public const string Statistical = "statistical";

    /// <summary>Never prints the cipher, so a logged entry carries no key material.</summary>
    public override string ToString() => $"{Name} ({Kind} {Model} at {Endpoint})";
}

/// <summary>A tenant's own LLM settings: its chain (empty: the node's global chain) and its monthly budget.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.TenantLlmSettings")]
public sealed record TenantLlmSettings(
    [property: Id(0)] IReadOnlyList<ProviderEntry> Chain,
    [property: Id(1)] decimal? MonthlyBudgetUsd)
{
    public static readonly TenantLlmSettings None = new([], null);
}
