namespace Actors.Llm;

/// <summary>
/// A tenant's new LLM settings as the tenant wrote them: keys in plaintext, for the grain to seal.
/// Validated for shape by the API; the grain decides what the stored keys become.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderChainChange")]
public sealed record ProviderChainChange(
    [property: Id(0)] IReadOnlyList<ProviderEntryChange> Chain,
    [property: Id(1)] decimal? MonthlyBudgetUsd);

/// <summary>
/// One entry of a <see cref="ProviderChainChange"/>. <see cref="ApiKey"/> null keeps the entry's stored key
/// (only while its kind and endpoint are unchanged), <c>""</c> means no key, anything else is the new key.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderEntryChange")]
public sealed record ProviderEntryChange(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Endpoint,
    [property: Id(3)] string Model,
    [property: Id(4)] string? ApiKey,
    [property: Id(5)] int? RequestsPerMinute,
    [property: Id(6)] long? TokensPerMinute)
{
    /// <summary>Never prints the key, so a logged change carries no key material.</summary>
    public override string ToString() => $"{Name} ({Kind} {Model} at {Endpoint})";
}

/// <summary>What a change became: the stored settings, or why not (field path → messages, nothing stored).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderChainChangeOutcome")]
public sealed record ProviderChainChangeOutcome(
    [property: Id(0)] TenantLlmSettings? Settings,
    [property: Id(1)] IReadOnlyDictionary<string, string[]> Errors);
