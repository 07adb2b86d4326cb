using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>Turns a stored report (the JSON the job completed with) into the body of a requested format.</summary>
public static class ReportRendering
{
    /// <summary>
    /// JSON is passed through untouched so it stays byte-identical to what was stored. A root that is
    /// not an object renders as an empty report rather than failing the request.
    /// </summary>
    public static (string Body, string ContentType) Render(string reportJson, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(reportJson);
        var contentType = ReportFormats.ContentType(format);
        if (format == ReportFormat.Json)
        {
            return (reportJson, contentType);
        }
        var report = JsonNode.Parse(reportJson) as JsonObject ?? [];
        var body = format == ReportFormat.Markdown ? MarkdownReport.Render(report) : HtmlReport.Render(report);
        return (body, contentType);
    }
}
