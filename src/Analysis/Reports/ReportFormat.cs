namespace Actors.Reports;

/// <summary>The renderings a completed report can be fetched in.</summary>
public enum ReportFormat
{
    Json,
    Markdown,
    Html,
}

/// <summary>The wire names (<c>json</c>, <c>md</c>, <c>html</c>) and media types of <see cref="ReportFormat"/>.</summary>
public static class ReportFormats
{
    /// <summary>Every accepted name, in the order an error message should list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["json", "md", "html"];

    /// <summary>Parses a wire name, ignoring case and surrounding blanks; anything else is rejected.</summary>
    public static bool TryParse(string? name, out ReportFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "json":
                format = ReportFormat.Json;
                return true;
            case "md":
                format = ReportFormat.Markdown;
                return true;
            case "html":
                format = ReportFormat.Html;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string Name(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "md",
        ReportFormat.Html => "html",
        _ => "json",
    };

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "text/markdown; charset=utf-8",
        ReportFormat.Html => "text/html; charset=utf-8",
        _ => "application/json",
    };
}
