namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class IdempotencyTests(ActorsNode node)
{
    private static string NewKey() => "idem-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_same_key_and_body_twice_is_202_both_times_with_the_same_job()
    {
        var key = NewKey();
        var body = Bodies.Csv(Bodies.SmallCsv);

        using var first = await node.Demo.SubmitAsync(body, key);
        using var second = await node.Demo.SubmitAsync(body, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(
            (await first.ReadJsonAsync()).GetProperty("job_id").GetString(),
            (await second.ReadJsonAsync()).GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_idempotency_key_reused()
    {
        var key = NewKey();

        using var first = await node.Demo.SubmitAsync(Bodies.Csv(Bodies.SmallCsv), key);
        using var second = await node.Demo.SubmitAsync(Bodies.Csv("x,y\n10,20\n30,40\n"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task The_same_key_used_by_another_tenant_makes_a_different_job()
    {
        var key = NewKey();
        var body = Bodies.Csv(Bodies.SmallCsv);

        using var mine = await node.Demo.SubmitAsync(body, key);
        using var theirs = await node.Other.SubmitAsync(body, key);

        Assert.Equal(HttpStatusCode.Accepted, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
        var myJob = (await mine.ReadJsonAsync()).GetProperty("job_id").GetString()!;
        var theirJob = (await theirs.ReadJsonAsync()).GetProperty("job_id").GetString()!;
        Assert.NotEqual(myJob, theirJob);
        using var crossRead = await node.Other.GetAsync($"{ApiCalls.Analyses}/{myJob}");
        Assert.Equal(HttpStatusCode.NotFound, crossRead.StatusCode);
    }
}
