namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class ListTests(ActorsNode node)
{
    /// <summary>Every job id of the caller's list, all pages.</summary>
    private static async Task<List<JsonElement>> AllItemsAsync(HttpClient client, string query = "")
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetJsonAsync($"{ApiCalls.Analyses}?per_page=250&page={page}{query}");
            var pageItems = list.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(pageItems);
            if (pageItems.Count < 250)
            {
                Assert.Equal(list.GetProperty("total").GetInt32(), items.Count);
                return items;
            }
        }
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("job_id").GetString()!);

    [Fact]
    public async Task The_list_shows_the_tenants_jobs()
    {
        var jobId = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        var items = await Eventually.Until(() => AllItemsAsync(node.Demo), i => Ids(i).Contains(jobId), $"job {jobId} to appear in the demo tenant's list");

        var item = items.Single(i => i.GetProperty("job_id").GetString() == jobId);
        Assert.Equal("data_interpretation", item.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_list_never_shows_another_tenants_jobs()
    {
        var theirJob = await node.Other.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        var myJob = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        await Eventually.Until(() => AllItemsAsync(node.Other), i => Ids(i).Contains(theirJob), $"job {theirJob} to appear in the other tenant's list");
        var mine = await Eventually.Until(() => AllItemsAsync(node.Demo), i => Ids(i).Contains(myJob), $"job {myJob} to appear in the demo tenant's list");

        Assert.DoesNotContain(theirJob, Ids(mine));
        Assert.DoesNotContain(myJob, Ids(await AllItemsAsync(node.Other)));
        Assert.Empty(await AllItemsAsync(node.ReadOnly));
    }

    [Fact]
    public async Task Filtering_by_status_completed_lists_only_completed_jobs()
    {
        var gate = Gates.NewId();
        try
        {
            var running = await node.Demo.SubmitGatedRunningAsync(gate);
            var completed = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

            var items = await Eventually.Until(() => AllItemsAsync(node.Demo, "&status=completed"), i => Ids(i).Contains(completed),
                $"job {completed} to appear in the list filtered by status=completed");

            Assert.All(items, i => Assert.Equal("completed", i.GetProperty("status").GetString()));
            Assert.DoesNotContain(running, Ids(items));
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Theory]
    [InlineData("per_page=251", "per_page")]
    [InlineData("per_page=0", "per_page")]
    [InlineData("page=0", "page")]
    [InlineData("status=bogus", "status")]
    public async Task An_invalid_query_parameter_is_422_validation_failed_naming_it(string query, string parameter)
    {
        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}?{query}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors has no '{parameter}': {problem}");
    }

    [Fact]
    public async Task A_non_numeric_page_is_400_bad_request_not_a_500()
    {
        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}?page=abc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task The_list_pages_with_per_page()
    {
        await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        await Eventually.Until(() => node.Demo.GetJsonAsync($"{ApiCalls.Analyses}?per_page=1"), l => l.GetProperty("total").GetInt32() >= 2,
            "at least two jobs in the demo tenant's list");

        var first = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}?per_page=1&page=1");
        var second = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}?per_page=1&page=2");

        Assert.Equal(1, first.GetProperty("per_page").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.NotEqual(Ids(first.GetProperty("items").EnumerateArray()).Single(), Ids(second.GetProperty("items").EnumerateArray()).Single());
    }
}
