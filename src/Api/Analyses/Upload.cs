using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Analytics;

namespace Actors.Api.Analyses;

/// <summary>
/// Data that arrived as a file (CSV, a multipart upload, an XLSX workbook), read within the table limits:
/// its table, the table as comma CSV (what the job keeps and reads again), and the submission's other fields
/// as they were named (query parameters or form fields; <c>options.x</c> for option <c>x</c>).
/// </summary>
public sealed record Upload(DataTable Table, string Csv, IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The submission as the JSON body it stands for, so uploads and JSON bodies are validated by one reader.</summary>
    public JsonElement ToBody()
    {
        var body = new JsonObject();
        foreach (var (name, value) in Fields)
        {
            body[name] = value;
        }
        if (Options.Count > 0)
        {
            var options = new JsonObject();
            foreach (var (name, value) in Options)
            {
                options[name] = value;
            }
            body["options"] = options;
        }
        body["csv"] = Csv;
        return JsonSerializer.SerializeToElement(body);
    }
}
