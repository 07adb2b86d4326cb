using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Analyses;

/// <summary>
/// The <c>profile</c> step's output shape, written and read back by later steps:
/// <code>
/// { "rows", "column_count", "numeric_columns", "complete_rows", "complete_row_pct",
///   "columns": { "&lt;name&gt;": { "type", "missing", "missing_pct", "distinct",
///       numeric: "mean", "std", "min", "max", "median", "q1", "q3";
///       categorical/boolean: "top": [{ "value", "count" }];
///       datetime: "min", "max" } } }
/// </code>
/// Numbers keep full precision so a profile read back equals the one written.
/// </summary>
internal static class ProfileJson
{
    public static JsonObject Write(TableProfile profile)
    {
        var columns = new JsonObject();
        foreach (var column in profile.Columns)
        {
            columns[column.Name] = WriteColumn(column, profile.Rows);
        }
        return new JsonObject
        {
            ["rows"] = profile.Rows,
            ["column_count"] = profile.Columns.Count,
            ["numeric_columns"] = profile.Columns.Count(c => c.Type == ColumnType.Numeric),
            ["complete_rows"] = profile.CompleteRows,
            ["complete_row_pct"] = Percent.Of(profile.CompleteRows, profile.Rows),
            ["columns"] = columns,
        };
    }

    private static JsonObject WriteColumn(ColumnProfile column, int rows)
    {
        var json = new JsonObject
        {
            ["type"] = column.Type.ToName(),
            ["missing"] = column.Missing,
            ["missing_pct"] = Percent.Of(column.Missing, rows),
            ["distinct"] = column.Distinct,
        };
        if (column.Numeric is { } stats)
        {
            json["mean"] = JsonNumbers.Number(stats.Mean);
            json["std"] = JsonNumbers.Number(stats.Std);
            json["min"] = JsonNumbers.Number(stats.Min);
            json["max"] = JsonNumbers.Number(stats.Max);
            json["median"] = JsonNumbers.Number(stats.Median);
            json["q1"] = JsonNumbers.Number(stats.Q1);
            json["q3"] = JsonNumbers.Number(stats.Q3);
        }
        if (column.Type is ColumnType.Categorical or ColumnType.Boolean)
        {
            var top = new JsonArray();
            foreach (var entry in column.Top)
            {
                top.Add(new JsonObject { ["value"] = WriteValue(entry.Value), ["count"] = entry.Count });
            }
            json["top"] = top;
        }
        if (column.Dates is { } dates)
        {
            json["min"] = dates.Min;
            json["max"] = dates.Max;
        }
        return json;
    }

    private static JsonNode? WriteValue(Cell value) => value.Kind switch
    {
        CellKind.Boolean => JsonValue.Create(value.Boolean!.Value),
        CellKind.Missing => null,
        _ => JsonValue.Create(value.ToString()),
    };

    public static TableProfile Read(JsonNode? node)
    {
        var json = JsonValues.Object(node, "profile");
        var rows = JsonValues.Int(json["rows"], "profile.rows");
        var columns = new List<ColumnProfile>();
        foreach (var (name, value) in JsonValues.Object(json["columns"], "profile.columns"))
        {
            columns.Add(ReadColumn(name, JsonValues.Object(value, $"profile.columns.{name}"), rows));
        }
        return new TableProfile(rows, JsonValues.Int(json["complete_rows"], "profile.complete_rows"), columns);
    }

    /// <summary>A statistic written as null (it overflowed double) reads back as NaN, which every consumer skips.</summary>
    private static double Statistic(JsonObject json, string key, string path) =>
        JsonValues.NullableDouble(json[key], $"{path}.{key}") ?? double.NaN;

    private static ColumnProfile ReadColumn(string name, JsonObject json, int rows)
    {
        var path = $"profile.columns.{name}";
        var typeName = JsonValues.String(json["type"], $"{path}.type");
        if (!ColumnTypeNames.TryParse(typeName, out var type))
        {
            throw new InvalidOperationException($"Step output is malformed: '{path}.type' is the unknown type '{typeName}'.");
        }
        var missing = JsonValues.Int(json["missing"], $"{path}.missing");
        var column = new ColumnProfile(name, type, missing, JsonValues.Int(json["distinct"], $"{path}.distinct"));
        switch (type)
        {
            case ColumnType.Numeric when json.ContainsKey("mean"):
                return column with
                {
                    Numeric = new NumericSummary(
                        rows - missing,
                        Statistic(json, "mean", path),
                        JsonValues.NullableDouble(json["std"], $"{path}.std"),
                        Statistic(json, "min", path),
                        Statistic(json, "max", path),
                        Statistic(json, "median", path),
                        Statistic(json, "q1", path),
                        Statistic(json, "q3", path)),
                };
            case ColumnType.Categorical or ColumnType.Boolean:
                var top = new List<ValueCount>();
                foreach (var entry in JsonValues.Array(json["top"], $"{path}.top"))
                {
                    var item = JsonValues.Object(entry, $"{path}.top[]");
                    var value = item["value"] is JsonValue v && v.TryGetValue(out bool flag)
                        ? Cell.Of(flag)
                        : Cell.Of(JsonValues.String(item["value"], $"{path}.top[].value"));
                    top.Add(new ValueCount(value, JsonValues.Int(item["count"], $"{path}.top[].count")));
                }
                return column with { Top = top };
            case ColumnType.Datetime when json.ContainsKey("min"):
                return column with
                {
                    Dates = new DateRange(JsonValues.String(json["min"], $"{path}.min"), JsonValues.String(json["max"], $"{path}.max")),
                };
            default:
                return column;
        }
    }
}
