namespace Actors.Llm;

/// <summary>
/// One cached LLM answer, keyed <c>{tenantId}/{hash of entry, model, messages, tools and options}</c>:
/// the tenant is part of the key, so an answer is never served to another tenant. Held in memory
/// only; an entry past its time to live, or whose activation was collected, is simply a miss.
/// </summary>
[Alias("Actors.Llm.IResponseCacheEntry")]
public interface IResponseCacheEntry : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<CachedAnswer?> Get();

    [Alias("Put")]
    Task Put(CachedAnswer answer, TimeSpan timeToLive);
}

/// <summary>A cached answer: its text and the numbers its tool calls returned (grounding needs them on a hit too).</summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.CachedAnswer")]
public sealed record CachedAnswer(
    [property: Id(0)] string Text,
    [property: Id(1)] IReadOnlyList<double> ToolNumbers);
