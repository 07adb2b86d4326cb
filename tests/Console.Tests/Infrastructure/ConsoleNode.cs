using Actors.Analyses;
using Actors.Api.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Console.Tests.Infrastructure;

/// <summary>
/// One real node for the browser tests, shared by every test class: the <c>demo</c> tenant signed in with
/// its admin key, a viewer key of the same tenant, an analyst key, and a second tenant with a job of its own.
/// </summary>
public sealed class ConsoleNode : IAsyncLifetime
{
    public const string OtherTenant = "other";

    public const string JwtIssuer = "https://login.console-tests.example/";
    public const string JwtAudience = "actors-console-tests";

    /// <summary>The HS256 secret the node trusts for users' tokens.</summary>
    public static readonly string JwtSigningKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private TestNode? _node;

    public string DemoKey { get; } = TestNode.NewKey();
    public string ViewerKey { get; } = TestNode.NewKey();
    public string AnalystKey { get; } = TestNode.NewKey();
    public string OtherKey { get; } = TestNode.NewKey();

    /// <summary>A job of the other tenant, which the demo tenant must not see.</summary>
    public string OtherTenantJob { get; private set; } = "";

    public Uri BaseAddress => _node!.BaseAddress;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            $"--Actors:Auth:Jwt:Issuer={JwtIssuer}",
            $"--Actors:Auth:Jwt:Audience={JwtAudience}",
            $"--Actors:Auth:Jwt:SigningKey={JwtSigningKey}",
            "--Actors:Api:Events:HeartbeatInterval=00:00:01",
            "--Actors:Api:Events:CatchUpInterval=00:00:00.200",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
        await _node.RegisterKeyAsync(ViewerKey, "demo", Scopes.AnalysesRead);
        await _node.RegisterKeyAsync(AnalystKey, "demo", Scopes.AnalysesWrite, Scopes.AnalysesRead);
        await _node.RegisterKeyAsync(OtherKey, OtherTenant, Scopes.AnalysesWrite, Scopes.AnalysesRead);
        using var other = Client(OtherKey);
        OtherTenantJob = await SubmitAsync(other, """{"type":"data_interpretation","csv":"x,y\n1,2\n2,4\n3,7\n"}""");
    }

    /// <summary>An HTTP client with <paramref name="apiKey"/>; the caller disposes it.</summary>
    public HttpClient Client(string? apiKey) => _node!.NewClient(apiKey, TimeSpan.FromSeconds(60));

    /// <summary>Submits over the API (for tests whose subject is not the submit form); returns the job id.</summary>
    public static async Task<string> SubmitAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/v1/analyses", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("job_id").GetString()!;
    }

    /// <summary>Submits a <see cref="GatedAnalysis"/> job and waits until it is held at its first step; open the gate to let it finish.</summary>
    public static async Task<string> SubmitHeldAsync(HttpClient client, string gate)
    {
        var job = await SubmitAsync(client, JsonSerializer.Serialize(new { type = GatedAnalysis.AnalysisType, csv = "x\n1\n", options = new { gate } }));
        await Gates.WhenEntered(gate).WaitAsync(Browser.Timeout);
        return job;
    }

    /// <summary>Waits (bounded) until the job is finished; returns its status.</summary>
    public static async Task<string> FinishedAsync(HttpClient client, string jobId)
    {
        using var deadline = new CancellationTokenSource(Browser.Timeout);
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/analyses/{jobId}")).RootElement.GetProperty("status").GetString()!;
            if (status is "completed" or "failed" or "cancelled")
            {
                return status;
            }
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {Browser.Timeout.TotalSeconds} s waiting for job {jobId} to finish; last status {status}.");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleNode>
{
    public const string Name = "Console node";
}
