using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Actors.Teams;

/// <summary>
/// What a step may read: the outputs of the steps it depends on (directly or not), and the
/// reviewer's <c>feedback</c> when it was sent back. Reading anything else fails with a message
/// that names the missing dependency, so a team template with a forgotten <c>depends_on</c> is
/// caught on its first run, and parallel steps never race on each other's outputs.
/// </summary>
public sealed class StepInputs(string tool, IReadOnlyDictionary<string, JsonNode> visible, IReadOnlySet<string> upstream) : IReadOnlyDictionary<string, JsonNode>
{
    public const string FeedbackKey = "feedback";

    public JsonNode this[string key] => visible.TryGetValue(key, out var value)
        ? value
        : throw new TeamDefinitionException([upstream.Contains(key)
            ? $"step '{tool}' needs the output of '{key}', which was skipped by its condition."
            : $"step '{tool}' reads the output of '{key}', which is not among its dependencies (add it to depends_on)."]);

    public IEnumerable<string> Keys => visible.Keys;

    public IEnumerable<JsonNode> Values => visible.Values;

    public int Count => visible.Count;

    public bool ContainsKey(string key) => visible.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonNode value) => visible.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, JsonNode>> GetEnumerator() => visible.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
