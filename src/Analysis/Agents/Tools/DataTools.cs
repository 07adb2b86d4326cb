using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Numbers;

namespace Actors.Agents;

/// <summary>
/// What an agent may ask of the job's own table to answer an open question: describe a column,
/// filter rows, group by a column with aggregates, and the top rows by a column. Every answer is
/// bounded (at most <see cref="MaxRows"/> rows or groups) and says when it was cut; aggregates carry
/// four decimals, as the metrics do, so a number quoted from them traces exactly.
/// </summary>
public sealed class DataTools(DataTable table)
{
    public const int MaxRows = 50;
    public const int DefaultRows = 10;

    /// <summary>A column's type, gaps, distinct values and, by type, its statistics (with the sum) or its most frequent values.</summary>
    public JsonObject Describe(string column)
    {
        var index = Require(column);
        var single = DataTable.FromColumns([column], [table.Column(index).ToArray()]);
        var profile = ColumnProfiler.Profile(single);
        var described = ProfileJson.Write(profile)["columns"]![column]!.AsObject().DeepClone().AsObject();
        described["column"] = column;
        described["rows"] = table.RowCount;
        described["present"] = table.RowCount - profile.Columns[0].Missing;
        if (profile.Columns[0].Type == ColumnType.Numeric)
        {
            described["sum"] = Rounded.ValueNode(Numbers(index, null).Sum());
        }
        return described;
    }

    /// <summary>The rows matching every condition (all columns unless <paramref name="columns"/> names some), at most <paramref name="limit"/> of them.</summary>
    public JsonObject Filter(IReadOnlyList<RowCondition>? where, IReadOnlyList<string>? columns, int? limit)
    {
        var shown = Columns(columns);
        var matched = Matching(where);
        var take = Limit(limit);
        return Bounded(new JsonObject
        {
            ["rows_matched"] = matched.Count,
            ["rows"] = new JsonArray([.. matched.Take(take).Select(r => (JsonNode)Row(r, shown))]),
        }, matched.Count, take);
    }

    /// <summary>
    /// Groups the matching rows by <paramref name="groupBy"/> and computes each aggregate of <paramref name="measure"/>
    /// (only <c>count</c> without one), ordered by <paramref name="orderBy"/> (the first aggregate unless named).
    /// </summary>
    public JsonObject GroupBy(string groupBy, string? measure, IReadOnlyList<string>? aggregates, IReadOnlyList<RowCondition>? where,
        string? orderBy, string? order, int? limit)
    {
        var groupIndex = Require(groupBy);
        var measureIndex = string.IsNullOrWhiteSpace(measure) ? -1 : Require(measure);
        var wanted = aggregates is { Count: > 0 } ? aggregates.Distinct(StringComparer.Ordinal).ToList() : [measureIndex < 0 ? Aggregation.Count : Aggregation.Sum];
        foreach (var name in wanted.Where(a => !Aggregation.IsKnown(a)))
        {
            throw new ToolArgumentException($"Unknown aggregate '{name}'; use {string.Join(", ", Aggregation.Names)}.");
        }
        if (measureIndex < 0 && wanted.Any(a => a != Aggregation.Count))
        {
            throw new ToolArgumentException("Only 'count' can be computed without a measure column; name one in measure.");
        }
        var sortBy = orderBy ?? wanted[0];
        if (!wanted.Contains(sortBy, StringComparer.Ordinal))
        {
            throw new ToolArgumentException($"order_by must be one of the aggregates asked for ({string.Join(", ", wanted)}).");
        }

        var groups = new Dictionary<string, (int Rows, List<double> Values)>(StringComparer.Ordinal);
        var ungrouped = 0;
        foreach (var row in Matching(where))
        {
            var label = table[row, groupIndex];
            if (label.IsMissing)
            {
                ungrouped++;
                continue;
            }
            var key = label.ToString();
            var group = groups.TryGetValue(key, out var found) ? found : (0, []);
            if (measureIndex >= 0 && table[row, measureIndex].TryGetNumber(out var x))
            {
                group.Values.Add(x);
            }
            groups[key] = (group.Rows + 1, group.Values);
        }
        var computed = groups.Select(g => (Label: g.Key, Values: wanted.ToDictionary(a => a,
            a => a == Aggregation.Count ? g.Value.Rows : Rounded.Value(Aggregation.Of(a, g.Value.Values)), StringComparer.Ordinal))).ToList();
        var descending = !Ascending(order);
        var sorted = computed
            .OrderBy(g => double.IsNaN(g.Values[sortBy]) ? 1 : 0)
            .ThenBy(g => descending ? -g.Values[sortBy] : g.Values[sortBy])
            .ThenBy(g => g.Label, StringComparer.Ordinal)
            .ToList();
        var take = Limit(limit);
        var json = new JsonObject
        {
            ["group_by"] = groupBy,
            ["measure"] = measureIndex < 0 ? null : measure,
            ["order_by"] = sortBy,
            ["order"] = descending ? "desc" : "asc",
            ["group_count"] = sorted.Count,
            ["rows_without_group"] = ungrouped,
            ["groups"] = new JsonArray([.. sorted.Take(take).Select(g =>
            {
                var item = new JsonObject { ["group"] = g.Label };
                foreach (var (name, value) in g.Values)
                {
                    item[name] = name == Aggregation.Count ? JsonValue.Create((int)value) : JsonNumbers.Number(value);
                }
                return (JsonNode)item;
            })]),
        };
        return Bounded(json, sorted.Count, take);
    }

    /// <summary>The <paramref name="n"/> matching rows with the highest (or lowest) number in <paramref name="column"/>; rows without one are left out.</summary>
    public JsonObject TopN(string column, int? n, string? order, IReadOnlyList<RowCondition>? where, IReadOnlyList<string>? columns)
    {
        var index = Require(column);
        var shown = Columns(columns);
        var descending = !Ascending(order);
        var ranked = Matching(where)
            .Select(r => (Row: r, Ok: table[r, index].TryGetNumber(out var x), Value: x))
            .Where(r => r.Ok)
            .OrderBy(r => descending ? -r.Value : r.Value)
            .ThenBy(r => r.Row)
            .ToList();
        var take = Limit(n);
        return Bounded(new JsonObject
        {
            ["column"] = column,
            ["order"] = descending ? "desc" : "asc",
            ["rows_ranked"] = ranked.Count,
            ["rows"] = new JsonArray([.. ranked.Take(take).Select(r => (JsonNode)Row(r.Row, shown))]),
        }, ranked.Count, take);
    }

    private List<int> Matching(IReadOnlyList<RowCondition>? where)
    {
        var conditions = (where ?? []).Select(c => (Condition: c, Index: Require(c.Column))).ToList();
        foreach (var (condition, _) in conditions.Where(c => !RowCondition.Ops.Contains(c.Condition.Op)))
        {
            throw new ToolArgumentException($"Unknown op '{condition.Op}'; use one of {string.Join(", ", RowCondition.Ops)}.");
        }
        var rows = new List<int>();
        for (var r = 0; r < table.RowCount; r++)
        {
            if (conditions.All(c => c.Condition.Matches(table[r, c.Index])))
            {
                rows.Add(r);
            }
        }
        return rows;
    }

    private List<double> Numbers(int column, List<int>? rows)
    {
        var numbers = new List<double>();
        foreach (var r in rows ?? Enumerable.Range(0, table.RowCount))
        {
            if (table[r, column].TryGetNumber(out var x))
            {
                numbers.Add(x);
            }
        }
        return numbers;
    }

    private JsonObject Row(int row, IReadOnlyList<int> columns)
    {
        var json = new JsonObject { ["row"] = row + 1 };
        foreach (var c in columns)
        {
            var cell = table[row, c];
            // CSV cells are text: a number reads as one, as the analyses read it.
            json[table.Columns[c]] = cell switch
            {
                { IsMissing: true } => null,
                _ when cell.TryGetNumber(out var number) => JsonValue.Create(number),
                { Kind: CellKind.Boolean } => JsonValue.Create(cell.Boolean!.Value),
                _ => JsonValue.Create(cell.ToString()),
            };
        }
        return json;
    }

    private IReadOnlyList<int> Columns(IReadOnlyList<string>? names) =>
        names is { Count: > 0 } ? names.Select(Require).ToList() : Enumerable.Range(0, table.ColumnCount).ToList();

    private int Require(string column)
    {
        var index = table.IndexOf(column);
        return index >= 0
            ? index
            : throw new ToolArgumentException($"There is no column '{column}'; the columns are {string.Join(", ", table.Columns.Select(c => $"'{c}'"))}.");
    }

    private static int Limit(int? limit) => Math.Clamp(limit ?? DefaultRows, 1, MaxRows);

    private static bool Ascending(string? order) => order switch
    {
        null or "" or "desc" => false,
        "asc" => true,
        _ => throw new ToolArgumentException($"Unknown order '{order}'; use 'desc' or 'asc'."),
    };

    private static JsonObject Bounded(JsonObject json, int total, int take)
    {
        json["shown"] = Math.Min(total, take);
        json["truncated"] = total > take;
        return json;
    }
}
