using Actors.Api.Security;
using Microsoft.AspNetCore.Http;

namespace Actors.Api.Tests.Security;

/// <summary>Every answer carries the security headers; the CSP fits what the answer is.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class SecurityHeaderTests(ActorsNode node)
{
    public static TheoryData<string, string?> JsonAnswers => new()
    {
        { ApiCalls.Analyses, ActorsNode.DemoTenant },
        { $"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}", ActorsNode.DemoTenant },
        { ApiCalls.Analyses, null },
        { "/api/v1/nothing-here", ActorsNode.DemoTenant },
        { "/health/ready", null },
        { "/openapi/v1.json", null },
    };

    [Theory]
    [MemberData(nameof(JsonAnswers))]
    public async Task Api_answers_and_problems_carry_the_strict_headers_and_are_not_cached(string path, string? tenant)
    {
        var client = tenant is null ? node.Anonymous : node.Demo;

        using var response = await client.GetAsync(path);

        AssertCommonHeaders(response);
        Assert.Equal(SecurityHeaders.ApiPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent only over HTTPS");
    }

    [Fact]
    public async Task An_event_stream_is_not_cached_either()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        await using var events = await SseReader.OpenAsync(node.Demo, $"{ApiCalls.Analyses}/{jobId}/events");

        Assert.Equal("no-store", Header(events.Response, "Cache-Control"));
        Assert.Equal(SecurityHeaders.ApiPolicy, Header(events.Response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task An_html_report_may_use_its_inline_style_and_images_but_nothing_else()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result?format=html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal(SecurityHeaders.ReportPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
    }

    [Theory]
    [InlineData("/docs/")]
    [InlineData("/dashboard/")]
    public async Task The_browser_uis_get_a_policy_that_loads_from_this_node_only(string path)
    {
        // The dashboard asks for credentials in every mode (the demo key on this embedded node); /docs ignores them.
        using var response = await node.Demo.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.UiPolicy, policy);
        Assert.DoesNotContain("*", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public void Hsts_is_set_only_on_https_requests(string scheme, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Path = "/api/v1/analyses";

        SecurityHeaders.Apply(context);

        Assert.Equal(expected ? SecurityHeaders.HstsValue : null, context.Response.Headers.StrictTransportSecurity.ToString() is { Length: > 0 } v ? v : null);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : null;
}
