namespace Actors.Agents;

/// <summary>An agent's accumulated usage across all jobs of its tenant.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Agents.AgentUsage")]
public sealed record AgentUsage(
    [property: Id(0)] long Runs,
    [property: Id(1)] long Failures,
    [property: Id(2)] double TotalLatencyMs,
    [property: Id(3)] long InputTokens,
    [property: Id(4)] long OutputTokens,
    [property: Id(5)] decimal CostUsd)
{
    public static readonly AgentUsage None = new(0, 0, 0, 0, 0, 0m);

    public double MeanLatencyMs => Runs == 0 ? 0 : TotalLatencyMs / Runs;

    public AgentUsage Add(AgentRun run) => new(
        Runs + 1, Failures + (run.Succeeded ? 0 : 1), TotalLatencyMs + run.LatencyMs,
        InputTokens + run.InputTokens, OutputTokens + run.OutputTokens, CostUsd + run.CostUsd);
}

/// <summary>One step an agent ran for a job.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Agents.AgentRun")]
public sealed record AgentRun(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] double LatencyMs,
    [property: Id(2)] long InputTokens,
    [property: Id(3)] long OutputTokens,
    [property: Id(4)] decimal CostUsd);
