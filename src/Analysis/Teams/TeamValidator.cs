using Actors.Analyses;

namespace Actors.Teams;

/// <summary>
/// Checks a team template against the analysis type's tools and the tenant's agents, and gives
/// its steps in dependency order. Every problem is reported, not just the first.
/// </summary>
public static class TeamValidator
{
    public const int MaxSteps = 50;
    public const string ReviewTool = "review";

    public static void Validate(TeamTemplate team, AnalysisCatalog catalog, IReadOnlyDictionary<string, IReadOnlyList<string>> agentTools)
    {
        var problems = Problems(team, catalog, agentTools);
        if (problems.Count > 0)
        {
            throw new TeamDefinitionException(problems);
        }
    }

    public static IReadOnlyList<string> Problems(TeamTemplate team, AnalysisCatalog catalog, IReadOnlyDictionary<string, IReadOnlyList<string>> agentTools)
    {
        var problems = new List<string>();
        if (!IsName(team.Name))
        {
            problems.Add("name: 1 to 64 characters of a-z, 0-9 and _.");
        }
        if (!TeamTemplate.Strategies.Contains(team.Strategy))
        {
            problems.Add($"strategy '{team.Strategy}' is unknown; use one of {string.Join(", ", TeamTemplate.Strategies)}.");
        }
        if (!catalog.TryGet(team.AnalysisType, out var analysis))
        {
            problems.Add($"analysis_type '{team.AnalysisType}' is not available; use one of {string.Join(", ", catalog.SupportedTypes.Order())}.");
            return problems;
        }
        if (team.Steps is not { Count: > 0 } || team.Steps.Count > MaxSteps)
        {
            problems.Add($"steps: from 1 to {MaxSteps}.");
            return problems;
        }

        var tools = analysis.Steps.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var inTeam = team.Steps.Select(s => s.Tool).ToList();
        foreach (var duplicate in inTeam.GroupBy(t => t).Where(g => g.Count() > 1))
        {
            problems.Add($"tool '{duplicate.Key}' appears {duplicate.Count()} times; a team runs each tool once.");
        }
        var final = analysis.Steps[^1].Name;
        if (!inTeam.Contains(final))
        {
            problems.Add($"the team has no '{final}' step, which produces the report.");
        }
        if (team.Steps.Any(s => s.Dependencies.Contains(final)))
        {
            problems.Add($"no step may depend on '{final}': it is the last.");
        }

        foreach (var step in team.Steps)
        {
            var at = $"step '{step.Tool}'";
            if (step.Kind is not null && !step.IsApproval)
            {
                problems.Add($"{at}: kind '{step.Kind}' is unknown; the one kind is '{TeamStep.ApprovalKind}' (a step without kind runs its tool).");
                continue;
            }
            if (step.IsApproval)
            {
                ApprovalProblems(step, at, tools, inTeam, problems);
                continue;
            }
            if (step.Message is not null || step.Timeout is not null || step.OnTimeout is not null)
            {
                problems.Add($"{at}: message, timeout and on_timeout belong to steps of kind '{TeamStep.ApprovalKind}'.");
            }
            if (!tools.Contains(step.Tool))
            {
                problems.Add($"{at}: unknown tool; {team.AnalysisType} has {string.Join(", ", analysis.Steps.Select(s => s.Name))}.");
            }
            if ((step.Agent is null) == (step.Agents is not { Count: > 0 }))
            {
                problems.Add($"{at}: give either agent or agents.");
            }
            if (step.Agents is { Count: > 0 } && (team.Strategy != TeamTemplate.Consensus || step.Agents.Count < 2))
            {
                problems.Add($"{at}: several agents answer one step only under the consensus strategy, and then at least two.");
            }
            foreach (var agent in step.Runners)
            {
                if (!agentTools.TryGetValue(agent, out var allowed))
                {
                    problems.Add($"{at}: unknown agent '{agent}'.");
                }
                else if (!allowed.Contains(step.Tool))
                {
                    problems.Add($"{at}: agent '{agent}' may not use tool '{step.Tool}' (it may use {string.Join(", ", allowed)}).");
                }
            }
            foreach (var dependency in step.Dependencies.Where(d => !inTeam.Contains(d)))
            {
                problems.Add($"{at}: depends on '{dependency}', which is not a step of this team.");
            }
            if (step.Dependencies.Contains(step.Tool))
            {
                problems.Add($"{at}: depends on itself.");
            }
            if (step.Goal is { } goal && (string.IsNullOrWhiteSpace(goal) || goal.Length > TeamStep.MaxGoalChars))
            {
                problems.Add($"{at}: goal is 1 to {TeamStep.MaxGoalChars} characters (the agent's task in this team).");
            }
            if (step.Review is { } review)
            {
                if (review.MaxRounds is < 1 or > 2)
                {
                    problems.Add($"{at}: review.max_rounds is 1 or 2.");
                }
                if (!agentTools.TryGetValue(review.Agent, out var reviewerTools))
                {
                    problems.Add($"{at}: unknown review agent '{review.Agent}'.");
                }
                else if (!reviewerTools.Contains(ReviewTool))
                {
                    problems.Add($"{at}: agent '{review.Agent}' may not review (its tools lack '{ReviewTool}').");
                }
            }
        }

        if (team.Strategy == TeamTemplate.Hierarchical && team.Manager is { } manager && !agentTools.ContainsKey(manager))
        {
            problems.Add($"manager: unknown agent '{manager}'.");
        }
        if (team.Strategy != TeamTemplate.Hierarchical && team.Manager is not null)
        {
            problems.Add("manager: only the hierarchical strategy has a manager.");
        }

        if (problems.Count == 0)
        {
            if (FindCycle(team) is { } cycle)
            {
                problems.Add($"the steps form a cycle: {string.Join(" -> ", cycle)}.");
            }
            else
            {
                CheckConditions(team, problems);
            }
        }
        return problems;
    }

    /// <summary>Shortest and longest wait an approval step may set; without one, <c>Actors:Jobs:ApprovalTimeout</c> applies.</summary>
    public static readonly TimeSpan MinApprovalTimeout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxApprovalTimeout = TimeSpan.FromDays(30);

    /// <summary>An approval step names itself (not a tool), has no agent, and may carry a message, a timeout and a timeout policy.</summary>
    private static void ApprovalProblems(TeamStep step, string at, IReadOnlySet<string> tools, IReadOnlyList<string> inTeam, List<string> problems)
    {
        if (!IsName(step.Tool) || tools.Contains(step.Tool))
        {
            problems.Add($"{at}: an approval step's tool is its own name (1 to 64 characters of a-z, 0-9 and _), not one of the analysis's tools.");
        }
        if (step.Agent is not null || step.Agents is not null || step.Goal is not null || step.Review is not null || step.Task is not null)
        {
            problems.Add($"{at}: an approval step is decided by a person: it takes no agent, agents, goal, task or review.");
        }
        if (step.Message is { } message && (string.IsNullOrWhiteSpace(message) || message.Length > TeamStep.MaxMessageChars))
        {
            problems.Add($"{at}: message is 1 to {TeamStep.MaxMessageChars} characters (what the approver is asked).");
        }
        if (step.Timeout is { } timeout && (timeout < MinApprovalTimeout || timeout > MaxApprovalTimeout))
        {
            problems.Add($"{at}: timeout is from {MinApprovalTimeout:c} to {MaxApprovalTimeout.TotalDays:0} days (written d.hh:mm:ss).");
        }
        if (step.OnTimeout is { } policy && !ApprovalDecision.Answers.Contains(policy))
        {
            problems.Add($"{at}: on_timeout is '{ApprovalDecision.Approve}' or '{ApprovalDecision.Reject}'.");
        }
        foreach (var dependency in step.Dependencies.Where(d => !inTeam.Contains(d)))
        {
            problems.Add($"{at}: depends on '{dependency}', which is not a step of this team.");
        }
        if (step.Dependencies.Contains(step.Tool))
        {
            problems.Add($"{at}: depends on itself.");
        }
    }

    /// <summary>The steps in an order where each comes after its dependencies; ties keep the template's order.</summary>
    public static IReadOnlyList<TeamStep> Order(TeamTemplate team)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<TeamStep>();
        while (ordered.Count < team.Steps.Count)
        {
            var next = team.Steps.FirstOrDefault(s => !done.Contains(s.Tool) && s.Dependencies.All(done.Contains))
                ?? throw new TeamDefinitionException(["the steps form a cycle."]);
            ordered.Add(next);
            done.Add(next.Tool);
        }
        return ordered;
    }

    /// <summary>Every step a step depends on, directly or not.</summary>
    public static IReadOnlySet<string> Upstream(TeamTemplate team, TeamStep step)
    {
        var byTool = team.Steps.ToDictionary(s => s.Tool);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(step.Dependencies);
        while (pending.TryPop(out var tool))
        {
            if (seen.Add(tool) && byTool.TryGetValue(tool, out var upstream))
            {
                foreach (var dependency in upstream.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }
        return seen;
    }

    private static void CheckConditions(TeamTemplate team, List<string> problems)
    {
        foreach (var step in team.Steps.Where(s => s.When is not null))
        {
            try
            {
                var condition = StepCondition.Parse(step.When!);
                if (!Upstream(team, step).Contains(condition.Tool))
                {
                    problems.Add($"step '{step.Tool}': its condition reads '{condition.Tool}', which is not among its dependencies.");
                }
            }
            catch (TeamDefinitionException ex)
            {
                problems.Add($"step '{step.Tool}': {ex.Message}");
            }
        }
    }

    private static IReadOnlyList<string>? FindCycle(TeamTemplate team)
    {
        var byTool = team.Steps.ToDictionary(s => s.Tool);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var path = new List<string>();

        IReadOnlyList<string>? Visit(string tool)
        {
            if (state.GetValueOrDefault(tool) == 2)
            {
                return null;
            }
            if (state.GetValueOrDefault(tool) == 1)
            {
                return [.. path.SkipWhile(t => t != tool), tool];
            }
            state[tool] = 1;
            path.Add(tool);
            foreach (var dependency in byTool[tool].Dependencies)
            {
                if (Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[tool] = 2;
            return null;
        }

        return team.Steps.Select(s => Visit(s.Tool)).FirstOrDefault(c => c is not null);
    }

    private static bool IsName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    /// <summary>Agent names follow the same rule as team names.</summary>
    public static bool IsAgentName(string? name) => IsName(name);
}
