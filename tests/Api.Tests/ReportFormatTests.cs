namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class ReportFormatTests(ActorsNode node)
{
    [Fact]
    public async Task A_report_is_served_as_markdown_and_as_a_self_contained_html_page()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv("x,y\n1,2\n2,4\n3,7\n4,8\n5,11\n"));
        var json = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result?format=json");

        using var markdown = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result?format=md");
        using var html = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result?format=html");

        Assert.Equal("text/markdown", markdown.MediaType()?.MediaType);
        Assert.Contains(json.GetProperty("summary").GetString()!, await markdown.Content.ReadAsStringAsync());
        Assert.Equal("text/html", html.MediaType()?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public async Task An_unknown_format_is_422_naming_the_formats()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result?format=pdf");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("html", problem.GetProperty("errors").GetProperty("format")[0].GetString());
    }
}
