using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Llm;
using Actors.Numbers;
using Microsoft.Extensions.AI;

namespace Actors.Agents;

/// <summary>
/// The tools of one agent step over the job's own input: the analytics the agent is allowed (profile
/// always; correlate, outliers, trend, process mining, Pareto by its tool list) and the data tools
/// (describe, filter, group-by, top-N). Every call is logged with its arguments and result size, every
/// number a tool returns is remembered for grounding, and a result longer than
/// <see cref="MaxResultChars"/> is cut and says so. A tool the model calls wrongly answers with the
/// error, so the model can call it again.
/// </summary>
public sealed class AgentToolbox : IToolNumbers
{
    public const int MaxResultChars = 8_000;

    private readonly ToolNumbers _numbers = new();
    private readonly List<ToolCallRecord> _calls = [];
    private readonly Func<ToolCallRecord, Task>? _called;

    /// <param name="allowed">The agent's tool names (analysis step names, as its definition lists them); null: every analytics tool.</param>
    /// <param name="called">Told of each call as it is made (the job's agent events).</param>
    public AgentToolbox(AnalysisInput input, IReadOnlyCollection<string>? allowed, Func<ToolCallRecord, Task>? called = null)
    {
        _called = called;
        var analytics = new AnalyticsTools(input);
        var data = new DataTools(input.Table);
        var columns = string.Join(", ", input.Table.Columns);
        var tools = new List<AgentTool>
        {
            new("profile", $"Profile every column of the data (types, gaps, statistics). Columns: {columns}.", [], (_, ct) => analytics.Profile(ct)),
        };
        if (Allows(allowed, "correlate"))
        {
            tools.Add(new("correlate", "Correlations between the numeric columns (Pearson and Spearman), strongest first.", [], (_, ct) => analytics.Correlate(ct)));
        }
        if (Allows(allowed, "outliers"))
        {
            tools.Add(new("outliers", "Outliers of each numeric column (IQR fences and robust z-scores), with examples.", [], (_, ct) => analytics.Outliers(ct)));
        }
        if (Allows(allowed, "trend"))
        {
            tools.Add(new("trend", "Trend, seasonality, anomalies and forecast of value columns over a time column.", new JsonObject
            {
                ["time_field"] = AgentTool.Text("The column that orders the rows (a date or a period number); detected when omitted."),
                ["value_field"] = AgentTool.Text("The numeric column(s) to follow, comma-separated; detected when omitted."),
            }, (a, ct) => analytics.Trend(a.Text("time_field"), a.Text("value_field"), ct)));
        }
        if (Allows(allowed, "mine"))
        {
            tools.Add(new("process_mining", "Process mining of an event log: waits per activity, the bottleneck, cycle times, rework and variants.", new JsonObject
            {
                ["case_field"] = AgentTool.Text("The case id column; detected when omitted."),
                ["activity_field"] = AgentTool.Text("The activity column; detected when omitted."),
                ["time_field"] = AgentTool.Text("The timestamp column; detected when omitted."),
            }, (a, ct) => analytics.Process(a.Text("case_field"), a.Text("activity_field"), a.Text("time_field"), ct)));
        }
        if (Allows(allowed, "pareto"))
        {
            tools.Add(new("pareto", "Where value concentrates: categories ranked by their share of a value column, and the vital few.", new JsonObject
            {
                ["category_field"] = AgentTool.Text("The category column; detected when omitted."),
                ["value_field"] = AgentTool.Text("The value column; detected when omitted."),
            }, (a, ct) => analytics.Pareto(a.Text("category_field"), a.Text("value_field"), ct)));
        }
        tools.AddRange(DataToolsOver(data));
        tools.AddRange(ArithmeticTools());
        Tools = tools;
        Functions = [.. tools.Select(t => (AITool)new LoggedTool(this, t))];
    }

    public IReadOnlyList<AgentTool> Tools { get; }

    /// <summary>What to put in <see cref="ChatOptions.Tools"/>: the tools, logged and bounded.</summary>
    public IList<AITool> Functions { get; }

    public IReadOnlyList<ToolCallRecord> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<double> Returned => _numbers.Returned;

    public void Remember(IEnumerable<double> numbers) => _numbers.Remember(numbers);

    /// <summary>
    /// Runs a tool as the model asked: the result as compact JSON text (cut to the bound) or the error,
    /// logged and remembered. Text, not a JSON value: the OpenAI client would send a value indented.
    /// </summary>
    public async Task<string> CallAsync(AgentTool tool, ToolArguments arguments, CancellationToken cancellationToken)
    {
        string answer;
        int chars;
        var failed = false;
        try
        {
            var result = tool.Compute(arguments, cancellationToken);
            Remember(Grounding.Known(result));
            var text = result.ToJsonString();
            chars = Math.Min(text.Length, MaxResultChars);
            answer = text.Length > MaxResultChars
                ? text[..MaxResultChars] + $"…(cut at {MaxResultChars} characters: ask for fewer rows or one column)"
                : text;
        }
        catch (Exception ex) when (ex is ToolArgumentException or DataFormatException or Teams.TeamDefinitionException)
        {
            failed = true;
            var error = new JsonObject { ["error"] = ex.Message };
            chars = error.ToJsonString().Length;
            answer = error.ToJsonString();
        }
        var record = new ToolCallRecord(tool.Name, arguments.Json, chars, failed);
        lock (_calls)
        {
            _calls.Add(record);
        }
        if (_called is not null)
        {
            await _called(record);
        }
        return answer;
    }

    private static IEnumerable<AgentTool> DataToolsOver(DataTools data)
    {
        var conditions = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "Conditions every row must meet.",
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["column"] = AgentTool.Text("A column name."),
                    ["op"] = AgentTool.Choice("The comparison.", RowCondition.Ops),
                    ["value"] = AgentTool.Text("The value to compare with (numbers compare as numbers)."),
                },
                ["required"] = new JsonArray("column", "op", "value"),
            },
        };
        var limit = AgentTool.Integer($"How many to return (1 to {DataTools.MaxRows}, default {DataTools.DefaultRows}).");
        var order = AgentTool.Choice("desc (highest first, the default) or asc.", ["desc", "asc"]);
        yield return new("describe_column", "One column's type, gaps, distinct values and statistics (with its sum) or most frequent values.",
            new JsonObject { ["column"] = AgentTool.Text("The column.") }, (a, _) => data.Describe(a.RequiredText("column")));
        yield return new("filter_rows", "The rows that meet every condition, with the columns named (all when omitted).", new JsonObject
        {
            ["where"] = conditions.DeepClone(),
            ["columns"] = AgentTool.Texts("The columns to show."),
            ["limit"] = limit.DeepClone(),
        }, (a, _) => data.Filter(a.Conditions("where"), a.Texts("columns"), a.Integer("limit")));
        yield return new("group_by", "Groups the rows by a column and computes aggregates of a measure column per group, ordered by one of them.", new JsonObject
        {
            ["group_by"] = AgentTool.Text("The column to group by."),
            ["measure"] = AgentTool.Text("The numeric column to aggregate (omit to count rows)."),
            ["aggregates"] = new JsonObject { ["type"] = "array", ["items"] = AgentTool.Choice("An aggregate.", Aggregation.Names), ["description"] = "Aggregates to compute (default sum, or count without a measure)." },
            ["where"] = conditions.DeepClone(),
            ["order_by"] = AgentTool.Text("The aggregate to order by (default the first)."),
            ["order"] = order.DeepClone(),
            ["limit"] = limit.DeepClone(),
        }, (a, _) => data.GroupBy(a.RequiredText("group_by"), a.Text("measure"), a.Texts("aggregates"), a.Conditions("where"), a.Text("order_by"), a.Text("order"), a.Integer("limit")));
        yield return new("top_n", "The rows with the highest (or lowest) values of a numeric column.", new JsonObject
        {
            ["column"] = AgentTool.Text("The numeric column to rank by."),
            ["n"] = limit.DeepClone(),
            ["order"] = order.DeepClone(),
            ["where"] = conditions.DeepClone(),
            ["columns"] = AgentTool.Texts("The columns to show."),
        }, (a, _) => data.TopN(a.RequiredText("column"), a.Integer("n"), a.Text("order"), a.Conditions("where"), a.Texts("columns")));
    }

    private static IEnumerable<AgentTool> ArithmeticTools()
    {
        JsonObject Pair(string first, string second) => new()
        {
            [first] = new JsonObject { ["type"] = "number" },
            [second] = new JsonObject { ["type"] = "number" },
        };
        JsonNode Number(double value) => JsonNumbers.Number(value) ?? "not defined (division by zero)";
        yield return new("difference", "b minus a.", Pair("a", "b"), (a, _) => Number(Arithmetic.Difference(a.Number("a"), a.Number("b"))));
        yield return new("percent_change", "The change from 'from' to 'to' in percent, to 2 decimals.", Pair("from", "to"),
            (a, _) => Number(Arithmetic.PercentChange(a.Number("from"), a.Number("to"))));
        yield return new("ratio", "numerator divided by denominator, to 4 decimals.", Pair("numerator", "denominator"),
            (a, _) => Number(Arithmetic.Ratio(a.Number("numerator"), a.Number("denominator"))));
    }

    private static bool Allows(IReadOnlyCollection<string>? allowed, string step) => allowed is null || allowed.Contains(step);

    /// <summary>The tool as the model sees it, running through <see cref="CallAsync"/>.</summary>
    private sealed class LoggedTool(AgentToolbox box, AgentTool tool) : DelegatingAIFunction(tool)
    {
        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
            await box.CallAsync(tool, ToolArguments.From(arguments), cancellationToken);
    }
}

/// <summary>One tool call of an agent: the tool, its arguments, how many characters it answered, and whether it answered an error.</summary>
public sealed record ToolCallRecord(string Name, JsonObject Arguments, int ResultChars, bool Failed);
