namespace Actors.Api.Tests.Security;

/// <summary>CORS is closed unless origins are configured, and then open to those origins only.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class CorsClosedTests(ActorsNode node)
{
    [Fact]
    public async Task By_default_no_origin_is_allowed_in_a_preflight_or_an_actual_request()
    {
        using var preflight = await node.Anonymous.SendAsync(CorsRequests.Preflight("https://app.example.com"));
        using var actual = await node.Demo.SendAsync(CorsRequests.Get("https://app.example.com"));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class CorsConfiguredTests : IAsyncLifetime
{
    private const string Allowed = "https://app.example.com";
    private readonly string _key = TestNode.NewKey();
    private TestNode? _node;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(
    [
        $"--ACTORS_DEV_API_KEY={_key}",
        $"--Actors:Cors:AllowedOrigins:0={Allowed}",
        "--Serilog:MinimumLevel:Default=Warning",
    ]);

    public async Task DisposeAsync() => await _node!.DisposeAsync();

    [Fact]
    public async Task A_configured_origin_is_allowed_with_the_api_headers_and_another_origin_is_not()
    {
        using var client = _node!.NewClient(_key, TimeSpan.FromSeconds(30));

        using var allowedPreflight = await client.SendAsync(CorsRequests.Preflight(Allowed));
        using var allowedGet = await client.SendAsync(CorsRequests.Get(Allowed));
        using var otherPreflight = await client.SendAsync(CorsRequests.Preflight("https://evil.example.com"));
        using var otherGet = await client.SendAsync(CorsRequests.Get("https://evil.example.com"));

        Assert.Equal(HttpStatusCode.NoContent, allowedPreflight.StatusCode);
        Assert.Equal(Allowed, allowedPreflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", string.Join(",", allowedPreflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(allowedPreflight.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal(Allowed, allowedGet.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-Request-ID", string.Join(",", allowedGet.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(otherPreflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(otherGet.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

internal static class CorsRequests
{
    public static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, ApiCalls.Analyses);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        return request;
    }

    public static HttpRequestMessage Get(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ApiCalls.Analyses);
        request.Headers.Add("Origin", origin);
        return request;
    }
}
