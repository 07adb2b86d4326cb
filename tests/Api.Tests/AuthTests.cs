namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class AuthTests(ActorsNode node)
{
    [Fact]
    public async Task A_request_without_an_API_key_is_401_unauthorized()
    {
        using var response = await node.Anonymous.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("X-API-Key", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_API_key_is_401_unauthorized()
    {
        using var client = node.NewClient("ak_test_" + Guid.NewGuid().ToString("N"));

        using var response = await client.GetAsync(ApiCalls.Analyses);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_read_only_key_submitting_is_403_forbidden()
    {
        using var response = await node.ReadOnly.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_read_only_key_may_list_its_tenants_jobs()
    {
        var list = await node.ReadOnly.GetJsonAsync(ApiCalls.Analyses);

        Assert.Equal(JsonValueKind.Array, list.GetProperty("items").ValueKind);
    }
}
