using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// A nested metric (an object of per-item objects, an array of records, an object of scalars) flattened
/// into rows and columns for display, capped so a metric over thousands of items stays readable.
/// </summary>
internal sealed class RecordTable
{
    public const int MaxRows = 50;
    public const int MaxColumns = 16;
    private const int CellBudget = 80;

    /// <summary>Keyed metrics whose key names something other than the singular of the metric's name.</summary>
    private static readonly Dictionary<string, string> KeyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["outliers"] = "column",
        ["series"] = "series",
    };

    private RecordTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, int omittedRows, int omittedColumns)
    {
        Headers = headers;
        Rows = rows;
        OmittedRows = omittedRows;
        OmittedColumns = omittedColumns;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public int OmittedRows { get; }

    public int OmittedColumns { get; }

    /// <summary>What the caps left out, e.g. "… 120 more rows", or null when everything is shown.</summary>
    public string? Omissions
    {
        get
        {
            var parts = new List<string>();
            if (OmittedRows > 0)
            {
                parts.Add($"… {OmittedRows.ToString(CultureInfo.InvariantCulture)} more {(OmittedRows == 1 ? "row" : "rows")}");
            }
            if (OmittedColumns > 0)
            {
                parts.Add($"{OmittedColumns.ToString(CultureInfo.InvariantCulture)} more {(OmittedColumns == 1 ? "column" : "columns")} not shown");
            }
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
    }

    /// <summary>The table for metric <paramref name="name"/>, or null when there is nothing to show.</summary>
    public static RecordTable? From(string name, JsonNode? node) => node switch
    {
        JsonObject json when json.Count == 0 => null,
        JsonObject json when json.Any(p => p.Value is JsonObject) =>
            Records(KeyHeader(name), [.. json.Select(p => (p.Key, p.Value))]),
        JsonObject json => Pairs(json),
        JsonArray array when array.Count == 0 => null,
        JsonArray array when array.Any(i => i is JsonObject) =>
            Records(null, [.. array.Select(i => ((string?)null, i))]),
        JsonArray array => Values(array),
        _ => null,
    };

    private static RecordTable Records(string? keyHeader, IReadOnlyList<(string? Key, JsonNode? Value)> entries)
    {
        var shown = entries.Take(MaxRows).ToArray();
        // Columns come from the rows shown, so a field only hidden rows carry does not add an empty column.
        var fields = shown
            .SelectMany(e => e.Value is JsonObject json ? json.Select(p => p.Key) : [])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var room = MaxColumns - (keyHeader is null ? 0 : 1);
        var kept = fields.Take(room).ToArray();
        // Records without fields (e.g. all {}) still show, as one value column.
        var whole = kept.Length == 0;
        List<string> headers = keyHeader is null ? [] : [keyHeader];
        headers.AddRange(whole ? ["value"] : kept);
        var rows = new List<IReadOnlyList<string>>(shown.Length);
        foreach (var (key, value) in shown)
        {
            var cells = new List<string>(headers.Count);
            if (keyHeader is not null)
            {
                cells.Add(key ?? "");
            }
            if (whole)
            {
                cells.Add(ReportJson.Compact(value, CellBudget));
            }
            else if (value is JsonObject json)
            {
                cells.AddRange(kept.Select(f => json.TryGetPropertyValue(f, out var v) ? ReportJson.Compact(v, CellBudget) : ""));
            }
            else
            {
                // A stray non-record item still shows, in the first field's place.
                cells.AddRange(kept.Select((_, i) => i == 0 ? ReportJson.Compact(value, CellBudget) : ""));
            }
            rows.Add(cells);
        }
        return new RecordTable(headers, rows, entries.Count - shown.Length, fields.Length - kept.Length);
    }

    private static RecordTable Pairs(JsonObject json)
    {
        var rows = json.Take(MaxRows)
            .Select(p => (IReadOnlyList<string>)[p.Key, ReportJson.Compact(p.Value, CellBudget)])
            .ToArray();
        return new RecordTable(["name", "value"], rows, json.Count - rows.Length, 0);
    }

    private static RecordTable Values(JsonArray array)
    {
        var rows = array.Take(MaxRows)
            .Select(v => (IReadOnlyList<string>)[ReportJson.Compact(v, CellBudget)])
            .ToArray();
        return new RecordTable(["value"], rows, array.Count - rows.Length, 0);
    }

    private static string KeyHeader(string metric)
    {
        if (KeyHeaders.TryGetValue(metric, out var header))
        {
            return header;
        }
        if (metric.EndsWith("ies", StringComparison.OrdinalIgnoreCase))
        {
            return string.Concat(metric.AsSpan(0, metric.Length - 3), "y");
        }
        if (metric.EndsWith('s') && !metric.EndsWith("ss", StringComparison.OrdinalIgnoreCase))
        {
            return metric[..^1];
        }
        return "name";
    }
}
