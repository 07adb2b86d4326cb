using Actors.Api.Auth;

namespace Actors.Api.Tests.Conventions;

/// <summary>One cursor style with Link headers on the lists, and ETags on reports.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class RestConventionTests(ActorsNode node)
{
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        var link = values.Single();
        Assert.EndsWith("; rel=\"next\"", link);
        return link[1..link.IndexOf('>')];
    }

    /// <summary>The job list is a read model the jobs write to: wait until it has them all.</summary>
    private static Task ListedAsync(HttpClient client, int count) =>
        Wait.Until(() => client.GetJsonAsync($"{ApiCalls.Analyses}?per_page=1"), l => l.GetProperty("total").GetInt32() == count, $"the job list to hold {count} jobs");

    [Fact]
    public async Task The_job_list_pages_by_cursor_following_its_Link_headers_to_every_job_once()
    {
        using var client = await node.NewTenantClientAsync("cursor" + Guid.NewGuid().ToString("N")[..8], Scopes.AnalysesWrite, Scopes.AnalysesRead);
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            submitted.Add(await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv)));
        }
        await ListedAsync(client, 5);

        var seen = new List<string>();
        var pages = 0;
        string? next = $"{ApiCalls.Analyses}?limit=2";
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            var page = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("job_id").GetString()!));
            next = NextLink(response);
            Assert.Equal(next is null, page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(submitted.Order(), seen.Order());
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task Page_and_per_page_keep_working_and_name_the_next_page_too()
    {
        using var client = await node.NewTenantClientAsync("pages" + Guid.NewGuid().ToString("N")[..8], Scopes.AnalysesWrite, Scopes.AnalysesRead);
        for (var i = 0; i < 3; i++)
        {
            await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        }
        await ListedAsync(client, 3);

        using var first = await client.GetAsync($"{ApiCalls.Analyses}?page=1&per_page=2");
        var firstPage = await first.ReadJsonAsync();
        using var second = await client.GetAsync(NextLink(first)!);
        var secondPage = await second.ReadJsonAsync();
        using var bad = await client.GetAsync($"{ApiCalls.Analyses}?cursor=not-one-of-ours");

        Assert.Equal(1, firstPage.GetProperty("page").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("per_page").GetInt32());
        Assert.Equal(3, firstPage.GetProperty("total").GetInt32());
        Assert.DoesNotContain("page=1", NextLink(first));
        Assert.Equal(2, secondPage.GetProperty("page").GetInt32());
        Assert.Single(secondPage.GetProperty("items").EnumerateArray());
        Assert.Null(NextLink(second));
        await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task A_report_has_an_ETag_and_If_None_Match_gets_304()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var first = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, $"{ApiCalls.Analyses}/{jobId}/result");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await node.Demo.SendAsync(again);
        using var weak = new HttpRequestMessage(HttpMethod.Get, $"{ApiCalls.Analyses}/{jobId}/result");
        weak.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", W/{etag.Tag}");
        using var weakMatch = await node.Demo.SendAsync(weak);
        using var markdown = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result?format=md");
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"{ApiCalls.Analyses}/{jobId}/result?format=md");
        stale.Headers.IfNoneMatch.Add(etag);
        using var changed = await node.Demo.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, weakMatch.StatusCode);
        Assert.NotEqual(etag, markdown.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }
}
