using System.Text.Json.Nodes;

namespace Actors.Teams;

/// <summary>
/// Merges several agents' answers to one step. Identical answers are taken as they are; answers of
/// the same shape are merged leaf by leaf (the median of numbers, the majority of other values);
/// answers of different shapes are decided by a vote of whole answers (ties: the earliest agent).
/// </summary>
public static class ConsensusMerge
{
    public static (JsonNode Output, string Method) Merge(IReadOnlyList<JsonNode> answers)
    {
        if (answers.Count == 0)
        {
            throw new ArgumentException("No answers to merge.", nameof(answers));
        }
        if (answers.All(a => JsonNode.DeepEquals(a, answers[0])))
        {
            return (answers[0].DeepClone(), "unanimous");
        }
        if (SameShape(answers))
        {
            return (MergeLeaves(answers), "median");
        }
        return (Vote(answers).DeepClone(), "vote");
    }

    private static bool SameShape(IReadOnlyList<JsonNode> nodes) => nodes[0] switch
    {
        JsonObject first => nodes.All(n => n is JsonObject o && o.Count == first.Count && first.All(kv => o.ContainsKey(kv.Key)))
            && first.All(kv => kv.Value is null
                ? nodes.All(n => n[kv.Key] is null)
                : nodes.All(n => n[kv.Key] is not null) && SameShape(nodes.Select(n => n[kv.Key]!).ToList())),
        JsonArray first => nodes.All(n => n is JsonArray a && a.Count == first.Count)
            && Enumerable.Range(0, first.Count).All(i => first[i] is null
                ? nodes.All(n => n[i] is null)
                : nodes.All(n => n[i] is not null) && SameShape(nodes.Select(n => n[i]!).ToList())),
        _ => nodes.All(n => n is JsonValue),
    };

    private static JsonNode MergeLeaves(IReadOnlyList<JsonNode> nodes)
    {
        switch (nodes[0])
        {
            case JsonObject first:
                var merged = new JsonObject();
                foreach (var (key, value) in first)
                {
                    merged[key] = value is null ? null : MergeLeaves(nodes.Select(n => n[key]!).ToList());
                }
                return merged;
            case JsonArray first:
                return new JsonArray(Enumerable.Range(0, first.Count)
                    .Select(i => first[i] is null ? null : MergeLeaves(nodes.Select(n => n[i]!).ToList())).ToArray());
            default:
                var numbers = nodes.Select(n => n.TryGetNumber(out var d) ? d : (double?)null).ToList();
                if (numbers.All(d => d is not null))
                {
                    var sorted = numbers.Select(d => d!.Value).Order().ToList();
                    var mid = sorted.Count / 2;
                    return JsonValue.Create(sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2)!;
                }
                return Vote(nodes).DeepClone();
        }
    }

    private static JsonNode Vote(IReadOnlyList<JsonNode> answers) =>
        answers.Select((answer, index) => (answer, index, key: answer.ToJsonString()))
            .GroupBy(a => a.key)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(a => a.index))
            .First().First().answer;
}
