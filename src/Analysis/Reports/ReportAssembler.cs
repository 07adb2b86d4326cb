using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Numbers;
using Actors.Teams;

namespace Actors.Reports;

/// <summary>
/// Builds the stored report (the report contract of the API) from what a job's run produced: the
/// final step's body, how each team step ran, and the narrative's outcome. Pure: the job grain and
/// the tests call the same code, so a fixture cannot drift from what the API serves.
/// </summary>
public static class ReportAssembler
{
    /// <summary>The engine of every team step today, and of a summary no LLM wrote.</summary>
    public const string StatisticalEngine = "statistical";

    /// <summary>What a job's run hands over to become its report.</summary>
    /// <param name="Body">The final step's output: summary, kpis, findings, recommendations, metrics, charts.</param>
    /// <param name="Narrative">
    /// The narrative's checkpoint (<c>engine</c>, <c>summary</c> when an LLM wrote one, <c>grounding</c>,
    /// <c>reason</c>, <c>issues</c>, <c>agent</c>, <c>tiers</c>, tokens, cost and <c>calls</c>); null when
    /// no narrative was asked for, which reads as the statistical engine's summary.
    /// </param>
    /// <param name="Agents">The agent steps' outcomes by step (see <c>AgentOutcome.ToJson</c>): engine, agent, model, tool calls, tokens, cost, fallback reason, answer, and under consensus <c>consensus</c>.</param>
    /// <param name="Teamwork">A hierarchical team's <c>plan</c> and <c>merge</c> (agent outcomes with <c>asked</c>/<c>why</c> and <c>how</c>/<c>from</c>); null for other teams.</param>
    /// <param name="Approvals">The approval steps' decisions by step: who approved, when, with what comment, or that the timeout did.</param>
    public sealed record Parts(
        string JobId,
        string Type,
        TeamTemplate Team,
        JsonObject Body,
        IReadOnlyList<TeamStepRecord> Steps,
        JsonObject? Narrative,
        int Attempts,
        IReadOnlyDictionary<string, JsonObject>? Agents = null,
        JsonObject? Teamwork = null,
        IReadOnlyDictionary<string, ApprovalDecision>? Approvals = null);

    /// <summary>The engine of an approval step in <c>provenance.steps[]</c>: a person decided (or the timeout policy did).</summary>
    public const string HumanEngine = "human";

    public static JsonObject Assemble(Parts parts)
    {
        var narrative = parts.Narrative ?? new JsonObject { ["engine"] = StatisticalEngine, ["grounding"] = "not_run" };
        var report = new JsonObject
        {
            ["job_id"] = parts.JobId,
            ["type"] = parts.Type,
        };
        foreach (var (name, value) in parts.Body.Where(p => p.Key != TeamStep.AgentOutputKey))
        {
            report[name] = value?.DeepClone();
        }
        var agents = parts.Agents ?? new Dictionary<string, JsonObject>();
        if (AgentAnswers(parts, agents) is { Count: > 0 } answered)
        {
            report["agents"] = answered;
        }
        var teamwork = (parts.Teamwork ?? []).Select(t => t.Value).OfType<JsonObject>().ToList();
        if (parts.Teamwork?[TeamMerge] is JsonObject { } merge && merge["answer"] is JsonObject teamAnswer)
        {
            var told = teamAnswer.DeepClone().AsObject();
            told["agent"] = merge["agent"]?.DeepClone();
            told["model"] = merge["model"]?.DeepClone();
            told["how"] = merge["how"]?.DeepClone();
            told["from"] = merge["from"]?.DeepClone();
            report["team_answer"] = told;
        }
        var paid = agents.Values.Concat(teamwork).ToList();
        var engine = narrative["engine"]!.GetValue<string>();
        report["narrative"] = Told(report, narrative, engine);
        report["provenance"] = Provenance(parts, narrative, engine);
        if (parts.Approvals is { Count: > 0 } decided)
        {
            report["provenance"]!["approvals"] = new JsonArray([.. parts.Steps.Where(r => decided.ContainsKey(r.Tool)).Select(r => (JsonNode)decided[r.Tool].ToJson())]);
        }
        report["usage"] = new JsonObject
        {
            ["input_tokens"] = paid.Count == 0 ? narrative["input_tokens"]?.DeepClone() ?? 0 : Sum(narrative, paid, "input_tokens"),
            ["output_tokens"] = paid.Count == 0 ? narrative["output_tokens"]?.DeepClone() ?? 0 : Sum(narrative, paid, "output_tokens"),
            ["cost_usd"] = paid.Count == 0 ? narrative["cost_usd"]?.DeepClone() ?? 0 : Cost(narrative) + paid.Sum(Cost),
            ["calls"] = narrative["calls"]?.DeepClone() ?? new JsonArray(),
        };
        return report;
    }

    /// <summary>What each agent step answered (in step order), for the reader: its summary, findings with evidence and recommendations.</summary>
    private static JsonArray AgentAnswers(Parts parts, IReadOnlyDictionary<string, JsonObject> agents) =>
        new([.. parts.Steps.Where(s => agents.ContainsKey(s.Tool)).Select(s => agents[s.Tool]).Where(a => a["answer"] is JsonObject).Select(a =>
        {
            var answer = a["answer"]!.DeepClone().AsObject();
            answer["step"] = a["step"]?.DeepClone();
            answer["agent"] = a["agent"]?.DeepClone();
            answer["model"] = a["model"]?.DeepClone();
            if (a["consensus"] is JsonObject consensus)
            {
                answer["consensus"] = new JsonObject { ["how"] = consensus["how"]?.DeepClone(), ["disagreement"] = consensus["disagreement"]?.DeepClone() };
            }
            return (JsonNode)answer;
        })]);

    private static JsonNode Sum(JsonObject narrative, IEnumerable<JsonObject> agents, string field) =>
        (long)(Number(narrative, field) + agents.Sum(a => Number(a, field)));

    /// <summary>Costs add up as decimals, as the ledger keeps them.</summary>
    private static decimal Cost(JsonObject part) =>
        part["cost_usd"] is JsonValue value && decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cost) ? cost : 0m;

    // Parts come from checkpoints (parsed) or from memory (built from int, long or decimal): read any.
    private static double Number(JsonObject part, string field) => part[field].TryGetNumber(out var number) ? number : 0;

    /// <summary>How the summary was written; an LLM's summary replaces the statistical one, which is kept beside it.</summary>
    private static JsonObject Told(JsonObject report, JsonObject narrative, string engine)
    {
        var told = new JsonObject();
        if (narrative["summary"] is JsonValue llmSummary)
        {
            told["statistical_summary"] = report["summary"]?.DeepClone();
            report["summary"] = llmSummary.GetValue<string>();
        }
        told["engine"] = engine;
        told["grounding"] = narrative["grounding"]!.DeepClone();
        told["reason"] = narrative["reason"]?.DeepClone();
        told["issues"] = narrative["issues"]?.DeepClone();
        return told;
    }

    /// <summary>What <c>provenance.steps[]</c> says of an agent step.</summary>
    private static readonly string[] AgentProvenance = ["engine", "agent", "model", "tool_calls", "tokens", "cost_usd", "fallback_reason"];

    /// <summary>The keys of a hierarchical team's plan and merge in <see cref="Parts.Teamwork"/>.</summary>
    public const string TeamPlan = "plan";
    public const string TeamMerge = "merge";

    private static JsonObject Provenance(Parts parts, JsonObject narrative, string engine) => new()
    {
        ["engine"] = engine,
        ["attempts"] = parts.Attempts,
        ["team"] = Team(parts),
        ["steps"] = new JsonArray(parts.Steps.Select(r =>
        {
            var step = r.ToJson();
            step["name"] = r.Tool;
            step["engine"] = StatisticalEngine;
            if (parts.Approvals?.TryGetValue(r.Tool, out var approval) == true)
            {
                step["engine"] = HumanEngine;
                step["kind"] = TeamStep.ApprovalKind;
                step["approval"] = approval.ToJson();
            }
            if (parts.Agents?.TryGetValue(r.Tool, out var agent) == true)
            {
                foreach (var field in AgentProvenance)
                {
                    step[field] = agent[field]?.DeepClone();
                }
                if (agent!["consensus"] is JsonObject consensus)
                {
                    step["consensus"] = consensus.DeepClone();
                }
            }
            return (JsonNode)step;
        }).ToArray()),
        // The summary's writer: which tier answered, and how every tier before it fared.
        ["narrative"] = new JsonObject
        {
            ["agent"] = narrative["agent"]?.DeepClone(),
            ["engine"] = engine,
            ["tiers"] = narrative["tiers"]?.DeepClone(),
        },
        ["tools"] = new JsonArray(parts.Steps.Where(r => !r.Skipped && parts.Approvals?.ContainsKey(r.Tool) != true).Select(r => (JsonNode)r.Tool).ToArray()),
    };

    private static JsonObject Team(Parts parts)
    {
        var team = new JsonObject
        {
            ["name"] = parts.Team.Name,
            ["strategy"] = parts.Team.Strategy,
            ["manager"] = parts.Team.Strategy == TeamTemplate.Hierarchical ? parts.Team.Manager ?? BuiltInAgentNames.BusinessAnalyst : null,
        };
        if (parts.Teamwork is not null)
        {
            team["plan"] = Teamwork(parts, TeamPlan, "asked", "why");
            team["merge"] = Teamwork(parts, TeamMerge, "how", "from");
        }
        return team;
    }

    /// <summary>The plan's or the merge's provenance: the agent step's fields and its own.</summary>
    private static JsonObject? Teamwork(Parts parts, string key, params string[] own)
    {
        if (parts.Teamwork?[key] is not JsonObject work)
        {
            return null;
        }
        var json = new JsonObject();
        foreach (var field in AgentProvenance.Concat(own))
        {
            json[field] = work[field]?.DeepClone();
        }
        return json;
    }
}
