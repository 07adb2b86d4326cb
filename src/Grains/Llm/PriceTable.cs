namespace Actors.Llm;

/// <summary>What a call cost: tokens times the configured USD price per million, input and output apart. Unknown models cost 0 (and say so in the report).</summary>
public sealed class PriceTable(IOptions<LlmOptions> options)
{
    private const decimal Million = 1_000_000m;

    public bool Knows(string model) => options.Value.Prices.ContainsKey(model);

    public decimal Cost(string model, long inputTokens, long outputTokens) =>
        options.Value.Prices.TryGetValue(model, out var price)
            ? Math.Round((inputTokens * price.InputPerMillion + outputTokens * price.OutputPerMillion) / Million, 8)
            : 0m;
}
