using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;
using Actors.Llm;
using Microsoft.Extensions.AI;

namespace Actors.Conversations;

/// <summary>
/// The tools of a conversation's agent: the reports' tools (<see cref="NarrativeTools"/>: metrics,
/// findings, arithmetic) and, for each bound job whose data is kept, a job's agent tools over its own
/// table (<see cref="AgentToolbox"/>: profile, the analytics the agent may use, describe, filter,
/// group-by, top-N), each with a <c>job_id</c> argument naming the table (optional when only one is
/// kept). Every call is recorded, and every number any tool returned counts for grounding.
/// </summary>
public sealed class ConversationTools : IToolNumbers
{
    private readonly NarrativeTools _reports;
    private readonly IReadOnlyDictionary<string, AgentToolbox> _tables;
    private readonly ToolNumbers _remembered = new();
    private readonly List<ConversationToolCall> _calls = [];

    /// <param name="tables">The kept tables by job id.</param>
    /// <param name="allowed">The agent's tool names (see <see cref="AgentToolbox"/>).</param>
    public ConversationTools(NarrativeTools reports, IReadOnlyDictionary<string, AnalysisInput> tables, IReadOnlyCollection<string>? allowed)
    {
        _reports = reports;
        _tables = tables.ToDictionary(t => t.Key, t => new AgentToolbox(t.Value, allowed), StringComparer.Ordinal);
        var functions = reports.Functions.OfType<AIFunction>().Select(f => (AITool)new Recorded(this, f)).ToList();
        var arithmetic = functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (_tables.Count > 0)
        {
            var ids = _tables.Keys.Order(StringComparer.Ordinal).ToList();
            // The same tools for every table: the first table's list names them (the agent's allowance is the same for all).
            functions.AddRange(_tables[ids[0]].Tools.Where(t => !arithmetic.Contains(t.Name)).Select(t => (AITool)new OverTable(this, t, ids)));
        }
        Functions = functions;
    }

    public IList<AITool> Functions { get; }

    public IReadOnlyList<ConversationToolCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<double> Returned =>
        [.. _reports.Returned, .. _remembered.Returned, .. _tables.Values.SelectMany(t => t.Returned)];

    public void Remember(IEnumerable<double> numbers) => _remembered.Remember(numbers);

    private void Record(string name, JsonObject arguments)
    {
        lock (_calls)
        {
            _calls.Add(new ConversationToolCall(name, arguments.ToJsonString()));
        }
    }

    /// <summary>A report tool, recorded as it is called.</summary>
    private sealed class Recorded(ConversationTools tools, AIFunction inner) : DelegatingAIFunction(inner)
    {
        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            tools.Record(Name, ToolArguments.From(arguments).Json);
            return base.InvokeCoreAsync(arguments, cancellationToken);
        }
    }

    /// <summary>A table tool: its own parameters and <c>job_id</c>, run by the named job's toolbox (bounded and remembered there).</summary>
    private sealed class OverTable : AIFunction
    {
        private readonly ConversationTools _tools;
        private readonly AgentTool _tool;
        private readonly IReadOnlyList<string> _jobIds;

        public OverTable(ConversationTools tools, AgentTool tool, IReadOnlyList<string> jobIds)
        {
            (_tools, _tool, _jobIds) = (tools, tool, jobIds);
            var schema = JsonNode.Parse(tool.JsonSchema.GetRawText())!.AsObject();
            var properties = schema["properties"] as JsonObject ?? [];
            schema["properties"] = properties;
            properties["job_id"] = AgentTool.Choice(jobIds.Count == 1 ? "The analysis whose data to read (there is one)." : "The analysis whose data to read.", jobIds);
            if (jobIds.Count > 1)
            {
                var required = schema["required"] as JsonArray ?? [];
                required.Add("job_id");
                schema["required"] = required;
            }
            JsonSchema = JsonSerializer.SerializeToElement(schema);
        }

        public override string Name => _tool.Name;

        public override string Description => _tool.Description;

        public override JsonElement JsonSchema { get; }

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            var json = ToolArguments.From(arguments).Json;
            _tools.Record(Name, json);
            var jobId = json["job_id"] is JsonValue v && v.TryGetValue<string>(out var named) ? named : _jobIds.Count == 1 ? _jobIds[0] : null;
            if (jobId is null || !_tools._tables.TryGetValue(jobId, out var table))
            {
                return new JsonObject { ["error"] = $"'job_id' must be one of: {string.Join(", ", _jobIds)}." }.ToJsonString();
            }
            json.Remove("job_id");
            return await table.CallAsync(_tool, new ToolArguments(json), cancellationToken);
        }
    }
}
