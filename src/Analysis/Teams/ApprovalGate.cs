using System.Text.Json.Nodes;
using Actors.Analyses;

namespace Actors.Teams;

/// <summary>
/// What an approval step runs as a tool: nothing a machine can answer. Its runner (the job) answers
/// with the decision once there is one; without a runner that knows decisions, the team stops here.
/// </summary>
public sealed class ApprovalGate(TeamStep step) : IAnalysisStep
{
    public string Name => step.Tool;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken) =>
        throw new ApprovalRequiredException(step);
}
