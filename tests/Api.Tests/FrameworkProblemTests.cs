namespace Actors.Api.Tests;

/// <summary>Errors raised by the framework rather than an endpoint are problem documents too.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class FrameworkProblemTests(ActorsNode node)
{
    [Fact]
    public async Task An_unknown_path_is_404_not_found()
    {
        using var response = await node.Demo.GetAsync("/api/v1/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_known_path_with_the_wrong_method_is_405_method_not_allowed_with_a_detail()
    {
        using var response = await node.Demo.PutAsync($"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}", Bodies.Json("{}"));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task A_query_binding_failure_is_400_bad_request_with_a_detail()
    {
        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}?page=abc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad_request");
    }
}
