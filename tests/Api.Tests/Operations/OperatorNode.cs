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

    private TestNode? _node;

    public CapturedLog Log { get; } = new();

    /// <summary>The demo tenant's key: analyses:write, analyses:read and admin.</summary>
    public string AdminKey { get; } = NewKey();

    /// <summary>The platform operator's key (<c>Actors:Auth:BootstrapAdminKey</c>): the only one the dashboard accepts.</summary>
    public string PlatformKey { get; } = "platform-" + Guid.NewGuid().ToString("N");

    /// <summary>A key of tenant <c>reader</c> with analyses:read only.</summary>
    public string ReadOnlyKey { get; } = NewKey();

    public Uri BaseAddress => _node!.BaseAddress;

    public IServiceProvider Services => _node!.Services;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={AdminKey}",
            $"--Actors:Auth:BootstrapAdminKey={PlatformKey}",
            "--Actors:Logging:Format=json",
            "--Actors:Dashboard:RequireAdmin=true",
            "--Serilog:MinimumLevel:Default=Debug",
            "--Serilog:MinimumLevel:Override:Microsoft=Debug",
            "--Serilog:MinimumLevel:Override:Orleans=Warning",
            // Requests the dashboard polls are logged at Debug; the secrets test reads those too.
            "--Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Debug",
        ], builder =>
        {
            builder.Services.AddSingleton<ILogEventSink>(Log);
            builder.Services.AddSingleton<IOutgoingGrainCallFilter, FailingStatusReads>();
        });
        await _node.RegisterKeyAsync(ReadOnlyKey, "reader", Scopes.AnalysesRead);
    }

    /// <summary>A client sending <paramref name="apiKey"/> in X-API-Key (none when null). The caller disposes it.</summary>
    public HttpClient NewClient(string? apiKey = null) => _node!.NewClient(apiKey, Eventually.Timeout);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    public static string NewKey() => TestNode.NewKey();

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
