using Actors.Api.Auth;
using Actors.Grains.Tests.Llm;

namespace Actors.Api.Tests.Llm;

/// <summary>
/// A node whose global chain is one OpenAI-compatible provider (a loopback fake with a key from
/// configuration) with an operator's budget of <see cref="OperatorBudgetUsd"/> per tenant, plus an
/// admin tenant that sets its own chain through the API.
/// </summary>
public sealed class LlmNode : IAsyncLifetime
{
    public const string GlobalKey = "sk-global-never-shown";
    public const decimal OperatorBudgetUsd = 1m;
    private TestNode? _node;

    public FakeLlmServer Global { get; private set; } = null!;

    public FakeLlmServer TenantProvider { get; private set; } = null!;

    public string DemoKey { get; } = TestNode.NewKey();

    public string AdminKey { get; } = TestNode.NewKey();

    public HttpClient Demo { get; private set; } = null!;

    /// <summary>Tenant <c>llmadmin</c>, with the admin scope.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Global = await FakeLlmServer.StartAsync();
        TenantProvider = await FakeLlmServer.StartAsync();
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
            "--Actors:Llm:Providers:openai:Kind=openai",
            $"--Actors:Llm:Providers:openai:Endpoint={Global.OpenAiEndpoint}",
            "--Actors:Llm:Providers:openai:Model=gpt-test",
            $"--Actors:Llm:Providers:openai:ApiKey={GlobalKey}",
            "--Actors:Llm:Chain:0=openai",
            "--Actors:Llm:Prices:gpt-test:InputPerMillion=2.5",
            "--Actors:Llm:Prices:gpt-test:OutputPerMillion=10",
            "--Actors:Llm:MaxRetries=0",
            "--Actors:Llm:Breaker:ConsecutiveFailures=1",
            "--Actors:Llm:AllowPrivateEndpoints=true",
            $"--Actors:Llm:MonthlyBudgetUsd={OperatorBudgetUsd}",
            // The budget.reached test's receiver is on loopback.
            "--Actors:Webhooks:AllowPrivateTargets=true",
            $"--Actors:Secrets:Key={Convert.ToBase64String(new byte[32])}",
        ]);
        await _node.RegisterKeyAsync(AdminKey, "llmadmin", Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin);
        Demo = _node.NewClient(DemoKey, TimeSpan.FromSeconds(60));
        Admin = _node.NewClient(AdminKey, TimeSpan.FromSeconds(60));
        Anonymous = _node.NewClient(null, TimeSpan.FromSeconds(60));
    }

    /// <summary>A client with a fresh key of <paramref name="tenantId"/> (analyses and admin scopes); the caller disposes it.</summary>
    public async Task<HttpClient> NewTenantClientAsync(string tenantId)
    {
        var key = TestNode.NewKey();
        await _node!.RegisterKeyAsync(key, tenantId, Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin);
        return _node.NewClient(key, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Demo?.Dispose();
        Admin?.Dispose();
        Anonymous?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        await Global.DisposeAsync();
        await TenantProvider.DisposeAsync();
    }
}
