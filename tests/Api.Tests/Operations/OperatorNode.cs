using System.Net.Sockets;
using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Api.Tests.Logging;
using Actors.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Serilog.Core;

namespace Actors.Api.Tests.Operations;

/// <summary>
/// A real node set up the way a production deployment sets it for operators: JSON logs, the dashboard
/// behind the admin scope. Its log is captured in memory (everything from Debug up, Orleans from
/// Warning), and a grain call filter makes status reads of a job id containing <see cref="FailingMarker"/>
/// fail, so tests can cause an unhandled error inside a request.
/// </summary>
public sealed class OperatorNode : IAsyncLifetime
{
    public const string FailingMarker = "explode";

    private WebApplication? _app;
    private SocketsHttpHandler? _handler;

    public CapturedLog Log { get; } = new();

    /// <summary>The demo tenant's key: analyses:write, analyses:read and admin.</summary>
    public string AdminKey { get; } = NewKey();

    /// <summary>A key of tenant <c>reader</c> with analyses:read only.</summary>
    public string ReadOnlyKey { get; } = NewKey();

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var ports = FreePorts(2);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Actors:Silo:SiloPort={ports[0]}",
            $"--Actors:Silo:GatewayPort={ports[1]}",
            $"--ACTORS_DEV_API_KEY={AdminKey}",
            "--Actors:Logging:Format=json",
            "--Actors:Dashboard:RequireAdmin=true",
            "--Serilog:MinimumLevel:Default=Debug",
            "--Serilog:MinimumLevel:Override:Microsoft=Debug",
            "--Serilog:MinimumLevel:Override:Orleans=Warning",
            // Requests the dashboard polls are logged at Debug; the secrets test reads those too.
            "--Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Debug",
        ];
        _app = ActorsApi.Build(args, builder =>
        {
            builder.Services.AddSingleton<ILogEventSink>(Log);
            builder.Services.AddSingleton<IOutgoingGrainCallFilter, FailingStatusReads>();
        });
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server exposes no addresses.");
        BaseAddress = new Uri(addresses.Addresses.Single());
        await _app.Services.GetRequiredService<IClusterClient>().GetGrain<IApiKey>(ApiKeyHash.Of(ReadOnlyKey)).Register(
            new ApiKeyInfo("reader", "test", "ak_test", [Scopes.AnalysesRead], DateTimeOffset.UtcNow, false));
        _handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    }

    /// <summary>A client sending <paramref name="apiKey"/> in X-API-Key (none when null). The caller disposes it.</summary>
    public HttpClient NewClient(string? apiKey = null)
    {
        var client = new HttpClient(_handler!, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = Wait.Timeout };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        _handler?.Dispose();
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
    }

    public static string NewKey() => "ak_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Fails the status read of any job whose id carries <see cref="FailingMarker"/>: an unhandled error in the request.</summary>
    private sealed class FailingStatusReads : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(Actors.Jobs.IAnalysisJob.GetStatus)
                && context.TargetId.ToString().Contains(FailingMarker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A test fault: status reads of '{FailingMarker}' jobs fail.");
            }
            return context.Invoke();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OperatorNodeCollection : ICollectionFixture<OperatorNode>
{
    public const string Name = "Operator node";
}
