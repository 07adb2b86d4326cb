namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class HealthTests(ActorsNode node)
{
    [Fact]
    public async Task Liveness_is_200_without_an_API_key()
    {
        using var response = await node.Anonymous.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_200_healthy_when_the_cluster_answers()
    {
        using var response = await node.Anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
