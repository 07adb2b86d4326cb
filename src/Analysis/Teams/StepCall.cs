using System.Text.Json.Nodes;
using Actors.Analyses;

namespace Actors.Teams;

/// <summary>One runner's turn at one team step: the step, the agent named to run it, its tool, the job's input and what the step may see.</summary>
public sealed record StepCall(TeamStep Step, string Runner, IAnalysisStep Tool, AnalysisInput Input, StepInputs Inputs);

/// <summary>Produces one runner's answer to a team step; <see cref="TeamRun.RunToolAsync"/> is the statistical one.</summary>
public delegate Task<JsonNode> StepExecutor(StepCall call, CancellationToken cancellationToken);
