using System.Text.RegularExpressions;
using Actors.Api.Tests.Operations;

namespace Actors.Api.Tests.OpenApi;

/// <summary>The interactive reference at /docs works offline: everything it loads comes from the node.</summary>
[Collection(OperatorNodeCollection.Name)]
public sealed partial class ApiReferenceTests(OperatorNode node)
{
    [GeneratedRegex("""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Asset();

    [GeneratedRegex("""https?://[^\s"'<>)]+""", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [Fact]
    public async Task Docs_is_an_HTML_page_whose_scripts_and_styles_all_load_from_the_node()
    {
        using var client = node.NewClient();

        using var page = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.MediaType()?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var pageUrl = page.RequestMessage!.RequestUri!;
        var foreign = AbsoluteUrl().Matches(html).Select(m => new Uri(m.Value)).Where(u => u.Authority != node.BaseAddress.Authority).ToList();
        Assert.True(foreign.Count == 0, "The page refers to other hosts: " + string.Join(", ", foreign));

        var assets = Asset().Matches(html).Select(m => new Uri(pageUrl, m.Groups["url"].Value)).ToList();
        Assert.Contains(assets, a => a.AbsolutePath.EndsWith(".js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.Equal(node.BaseAddress.Authority, asset.Authority);
            using var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }
}
