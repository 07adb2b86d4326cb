namespace Actors.Llm;

/// <summary>One LLM call in the cost ledger, attributed to its job, agent, step, provider and model.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Llm.UsageEntry")]
public sealed record UsageEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string JobId,
    [property: Id(2)] string AnalysisType,
    [property: Id(3)] string Agent,
    [property: Id(4)] string Step,
    [property: Id(5)] string Provider,
    [property: Id(6)] string Model,
    [property: Id(7)] long InputTokens,
    [property: Id(8)] long OutputTokens,
    [property: Id(9)] decimal CostUsd,
    [property: Id(10)] bool Cached);
