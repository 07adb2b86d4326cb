using Actors.Analyses;
using Actors.Api.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>
/// One real Actors node (the gated test analysis registered) behind a <see cref="FaultyProxy"/>, shared by
/// the client tests. Each test that counts what reached the node uses a tenant of its own (<see cref="NewTenantKeyAsync"/>).
/// </summary>
public sealed class ClientNode : IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];
    private TestNode? _node;

    public string DemoKey { get; } = TestNode.NewKey();

    public TestNode Node => _node!;

    public FaultyProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            "--Actors:Api:Events:HeartbeatInterval=00:00:01",
            "--Actors:Api:Events:CatchUpInterval=00:00:00.200",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.Services.AddSingleton<IAnalysis, GatedAnalysis>());
        Proxy = new FaultyProxy(_node.BaseAddress);
    }

    /// <summary>A key of a fresh tenant with read, write and admin scopes.</summary>
    public async Task<string> NewTenantKeyAsync(string prefix)
    {
        var key = TestNode.NewKey();
        await Node.RegisterKeyAsync(key, $"{prefix}-{Guid.NewGuid():N}"[..30], Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin);
        return key;
    }

    /// <summary>A client that goes through the proxy; <paramref name="time"/> replaces the clock it waits on.</summary>
    public ActorsClient Client(string? apiKey = null, TimeProvider? time = null, Action<ActorsClientOptions>? configure = null)
    {
        var options = new ActorsClientOptions { ApiKey = apiKey ?? DemoKey, TimeProvider = time ?? TimeProvider.System };
        configure?.Invoke(options);
        var http = new HttpClient { BaseAddress = Proxy.Address, Timeout = TimeSpan.FromSeconds(60) };
        lock (_clients)
        {
            _clients.Add(http);
        }
        return new ActorsClient(http, options);
    }

    public async Task DisposeAsync()
    {
        foreach (var http in _clients)
        {
            http.Dispose();
        }
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClientNodeCollection : ICollectionFixture<ClientNode>
{
    public const string Name = "Client node";
}

/// <summary>A clock whose timers fire at once and remember what they were asked to wait: the retry waits are checked without waiting them.</summary>
public sealed class RecordingTime : TimeProvider
{
    private readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
            {
                return [.. _waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_waits)
        {
            _waits.Add(dueTime);
        }
        return base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
