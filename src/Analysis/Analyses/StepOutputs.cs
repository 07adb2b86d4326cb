using System.Text.Json.Nodes;

namespace Actors.Analyses;

/// <summary>Looks up an earlier step's output; its absence means the steps were run out of order.</summary>
internal static class StepOutputs
{
    public static JsonNode Require(IReadOnlyDictionary<string, JsonNode> previous, string step, string requiredBy)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return previous.TryGetValue(step, out var output) && output is not null
            ? output
            // A team template that forgot a dependency: the job fails as invalid_team with this message.
            : throw new Teams.TeamDefinitionException([$"step '{requiredBy}' needs the output of step '{step}', which has not run (add it to depends_on)."]);
    }
}
