namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class RequestIdTests(ActorsNode node)
{
    private const string Header = "X-Request-ID";

    [Fact]
    public async Task Every_response_carries_an_X_Request_ID()
    {
        using var health = await node.Anonymous.GetAsync("/health/live");
        using var unauthorized = await node.Anonymous.GetAsync(ApiCalls.Analyses);
        using var accepted = await node.Demo.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));
        using var notFound = await node.Demo.GetAsync($"{ApiCalls.Analyses}/job_{new string('0', 32)}");
        using var invalid = await node.Demo.SubmitAsync("{");

        foreach (var response in new[] { health, unauthorized, accepted, notFound, invalid })
        {
            Assert.True(response.Headers.TryGetValues(Header, out var values) && !string.IsNullOrEmpty(values.Single()),
                $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} ({(int)response.StatusCode}) has no {Header}");
        }
    }

    [Fact]
    public async Task A_valid_given_X_Request_ID_is_echoed_and_is_the_problems_request_id()
    {
        var given = "test-" + Guid.NewGuid().ToString("N") + ".1:a_b";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiCalls.Analyses}/job_{new string('0', 32)}");
        request.Headers.Add(Header, given);

        using var response = await node.Demo.SendAsync(request);

        Assert.Equal(given, response.Headers.GetValues(Header).Single());
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(given, problem.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task An_X_Request_ID_with_unsafe_characters_is_replaced_by_a_generated_one()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(Header, "not acceptable <script>");

        using var response = await node.Anonymous.SendAsync(request);

        var id = response.Headers.GetValues(Header).Single();
        Assert.NotEqual("not acceptable <script>", id);
        Assert.StartsWith("req_", id);
    }

    [Fact]
    public async Task Generated_request_ids_differ_between_requests()
    {
        using var first = await node.Anonymous.GetAsync("/health/live");
        using var second = await node.Anonymous.GetAsync("/health/live");

        Assert.NotEqual(first.Headers.GetValues(Header).Single(), second.Headers.GetValues(Header).Single());
    }
}
