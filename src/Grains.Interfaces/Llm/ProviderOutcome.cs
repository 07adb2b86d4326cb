namespace Actors.Llm;

/// <summary>
/// How one call to a provider ended, as a silo reports it to the provider's grain. <see cref="RetryAfter"/>
/// is the provider's own throttling hint; the limits travel with every report so the grain needs no other configuration.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderOutcome")]
public sealed record ProviderOutcome(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? Error,
    [property: Id(2)] TimeSpan? RetryAfter,
    [property: Id(3)] long InputTokens,
    [property: Id(4)] long OutputTokens,
    [property: Id(5)] ProviderLimits Limits,
    [property: Id(6)] bool WasProbe = false);

/// <summary>Requests and tokens a provider entry may use per minute (null: unlimited).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.ProviderLimits")]
public sealed record ProviderLimits(
    [property: Id(0)] int? RequestsPerMinute,
    [property: Id(1)] long? TokensPerMinute)
{
    public static readonly ProviderLimits None = new(null, null);
}
