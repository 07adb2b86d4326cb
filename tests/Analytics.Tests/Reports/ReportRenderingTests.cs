using System.Text.Json.Nodes;
using Actors.Reports;

namespace Actors.Analytics.Tests.Reports;

public sealed class ReportRenderingTests
{
    [Theory]
    [InlineData("json", ReportFormat.Json)]
    [InlineData("md", ReportFormat.Markdown)]
    [InlineData("html", ReportFormat.Html)]
    [InlineData(" HTML ", ReportFormat.Html)]
    public void Parses_the_format_names(string name, ReportFormat expected)
    {
        Assert.True(ReportFormats.TryParse(name, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pdf")]
    [InlineData("markdown")]
    [InlineData("text/html")]
    public void Rejects_other_names(string? name)
    {
        Assert.False(ReportFormats.TryParse(name, out _));
    }

    [Fact]
    public void Names_every_format_with_its_media_type()
    {
        Assert.Equal(["json", "md", "html"], ReportFormats.Names);
        Assert.Equal(["json", "md", "html"], Enum.GetValues<ReportFormat>().Select(ReportFormats.Name));
        Assert.Equal("application/json", ReportFormats.ContentType(ReportFormat.Json));
        Assert.Equal("text/markdown; charset=utf-8", ReportFormats.ContentType(ReportFormat.Markdown));
        Assert.Equal("text/html; charset=utf-8", ReportFormats.ContentType(ReportFormat.Html));
    }

    [Fact]
    public void Renders_stored_report_json_in_each_format()
    {
        var stored = ReportFixtures.WithCharts().ToJsonString();

        var json = ReportRendering.Render(stored, ReportFormat.Json);
        Assert.Same(stored, json.Body);
        Assert.Equal("application/json", json.ContentType);

        var md = ReportRendering.Render(stored, ReportFormat.Markdown);
        Assert.Equal("text/markdown; charset=utf-8", md.ContentType);
        Assert.Equal(MarkdownReport.Render(JsonNode.Parse(stored)!.AsObject()), md.Body);

        var html = ReportRendering.Render(stored, ReportFormat.Html);
        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        Assert.Equal(HtmlReport.Render(JsonNode.Parse(stored)!.AsObject()), html.Body);
        Assert.Equal(8, Xhtml.All(Xhtml.Parse(html.Body), "svg").Count());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Renders_a_report_without_content_as_an_empty_page(string stored)
    {
        Assert.Equal("# Analysis report\n", ReportRendering.Render(stored, ReportFormat.Markdown).Body);
        Assert.Empty(Xhtml.All(Xhtml.Parse(ReportRendering.Render(stored, ReportFormat.Html).Body), "section"));
    }
}
