using System.Net.Http.Headers;
using Actors.Api.Tests.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Dashboard;

/// <summary>The dashboard on a node that requires the admin scope for it (what production sets).</summary>
[Collection(OperatorNodeCollection.Name)]
public sealed class DashboardAccessTests(OperatorNode node)
{
    private const string Page = "/dashboard/";

    private static HttpRequestMessage WithBasic(string path, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + password)));
        return request;
    }

    [Fact]
    public async Task Without_credentials_the_dashboard_is_401_with_a_Basic_challenge_browsers_prompt_for()
    {
        using var client = node.NewClient();

        using var response = await client.GetAsync(Page);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Contains("realm=\"Actors\"", challenge.Parameter);
    }

    [Fact]
    public async Task The_platform_key_as_the_Basic_password_opens_the_page_and_its_data()
    {
        using var client = node.NewClient();

        using var page = await client.SendAsync(WithBasic(Page, node.PlatformKey));
        using var data = await client.SendAsync(WithBasic("/dashboard/version", node.PlatformKey));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.MediaType()?.MediaType);
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Equal("application/json", data.MediaType()?.MediaType);
    }

    [Fact]
    public async Task The_platform_key_in_X_API_Key_opens_the_dashboard_too()
    {
        using var client = node.NewClient(node.PlatformKey);

        using var response = await client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_tenants_admin_key_is_403_since_the_dashboard_shows_every_tenants_grains()
    {
        using var anonymous = node.NewClient();
        using var admin = node.NewClient(node.AdminKey);

        using var viaBasic = await anonymous.SendAsync(WithBasic(Page, node.AdminKey));
        using var viaHeader = await admin.GetAsync(Page);

        await viaBasic.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await viaHeader.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_key_without_the_admin_scope_is_403_as_Basic_password_and_as_X_API_Key()
    {
        using var anonymous = node.NewClient();
        using var reader = node.NewClient(node.ReadOnlyKey);

        using var viaBasic = await anonymous.SendAsync(WithBasic(Page, node.ReadOnlyKey));
        using var viaHeader = await reader.GetAsync(Page);

        await viaBasic.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await viaHeader.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_unknown_key_as_the_Basic_password_is_401_and_challenged_again()
    {
        using var client = node.NewClient();

        using var response = await client.SendAsync(WithBasic(Page, OperatorNode.NewKey()));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Outside_Development_the_live_trace_and_continuous_grain_call_profiling_are_off()
    {
        using var client = node.NewClient();

        using var trace = await client.SendAsync(WithBasic("/dashboard/Trace", node.PlatformKey));

        Assert.Equal(HttpStatusCode.Forbidden, trace.StatusCode);
        Assert.True(node.Services.GetRequiredService<IOptions<Orleans.Dashboard.DashboardOptions>>().Value.HideTrace);
        Assert.False(node.Services.GetRequiredService<IOptions<Orleans.Dashboard.GrainProfilerOptions>>().Value.TraceAlways);
    }
}

/// <summary>
/// The embedded default (one local process, in-memory state) still asks for credentials: the demo
/// tenant's key opens the dashboard there, so a newcomer reaches it without a platform key.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class EmbeddedDashboardTests(ActorsNode node)
{
    [Fact]
    public async Task In_the_embedded_default_the_dashboard_without_credentials_is_401_with_a_Basic_challenge()
    {
        using var response = await node.Anonymous.GetAsync("/dashboard/");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task In_the_embedded_default_the_demo_key_opens_the_dashboard_as_Basic_password_and_as_X_API_Key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("me:" + node.DemoKey)));

        using var viaBasic = await node.Anonymous.SendAsync(request);
        using var viaHeader = await node.Demo.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, viaBasic.StatusCode);
        Assert.Equal("text/html", viaBasic.MediaType()?.MediaType);
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
    }

    [Fact]
    public async Task In_the_embedded_default_another_tenants_key_is_403()
    {
        using var response = await node.Other.GetAsync("/dashboard/");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
