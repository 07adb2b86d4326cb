using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// An endpoint that forgets to name an authorization policy is closed, not open: the fallback policy
/// requires credentials, and the public endpoints (health, metrics, OpenAPI, the API reference, the
/// dashboard where it is open) say so by name.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class FallbackPolicyTests(ActorsNode node)
{
    // The console's pages and sign-in are public; they check the console session themselves, and its data comes from the API.
    private static readonly string[] PublicRoutes = ["/health/live", "/health/ready", "/metrics", "/openapi/", "/docs", "/dashboard", "/console"];

    [Fact]
    public async Task The_fallback_policy_requires_an_authenticated_caller()
    {
        var fallback = await node.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_one_of_the_public_ones_by_name()
    {
        var endpoints = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(Route).ToList();
        var unnamed = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(Route).ToList();

        Assert.True(unnamed.Count == 0, $"Endpoints that name no policy (closed only by the fallback): {string.Join(", ", unnamed)}");
        Assert.All(open, route => Assert.True(PublicRoutes.Any(p => route.StartsWith(p, StringComparison.Ordinal)), $"{route} is open but not a public endpoint"));
        Assert.Contains("/health/live", open);
        Assert.Contains("/metrics", open);
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("PUT", "/api/v1/analyses/job_x")]
    [InlineData("GET", "/anything/else")]
    public async Task A_request_no_endpoint_authorizes_needs_credentials(string method, string path)
    {
        using var response = await node.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
}
