using Actors.Agents;

namespace Actors.Api.Agents;

public sealed record AgentResponse(
    string Name,
    string Role,
    string Goal,
    string Instructions,
    IReadOnlyList<string> Tools,
    string? ModelPreference,
    bool BuiltIn,
    bool Overridden,
    AgentUsageResponse Usage)
{
    public static AgentResponse From(AgentView view) => new(
        view.Definition.Name, view.Definition.Role, view.Definition.Goal, view.Definition.Instructions, view.Definition.Tools,
        view.Definition.ModelPreference, view.BuiltIn, view.Overridden,
        new AgentUsageResponse(view.Usage.Runs, view.Usage.Failures, Math.Round(view.Usage.MeanLatencyMs, 3),
            view.Usage.InputTokens, view.Usage.OutputTokens, view.Usage.CostUsd));
}

public sealed record AgentUsageResponse(long Runs, long Failures, double MeanLatencyMs, long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>The body of <c>PUT /api/v1/agents/{name}</c>.</summary>
public sealed record AgentRequest(string? Role, string? Goal, string? Instructions, IReadOnlyList<string>? Tools, string? ModelPreference);
