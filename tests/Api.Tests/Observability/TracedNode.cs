using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Actors.Api.Tests.Observability;

/// <summary>
/// A node of its own whose finished spans go to an in-memory exporter. Activity listeners are
/// process-wide, so <see cref="Spans"/> also holds spans of the shared node's requests: tests find
/// theirs by request id and trace id, never by position or count.
/// </summary>
public sealed class TracedNode : IAsyncLifetime
{
    private WebApplication? _app;

    public string DemoKey { get; } = "ak_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public SpanLog Spans { get; } = new();

    /// <summary>The demo tenant of this node.</summary>
    public HttpClient Demo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ports = FreePorts(2);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Actors:Silo:SiloPort={ports[0]}",
            $"--Actors:Silo:GatewayPort={ports[1]}",
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ];
        _app = ActorsApi.Build(args, builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server exposes no addresses.");
        Demo = new HttpClient { BaseAddress = new Uri(addresses.Addresses.Single()), Timeout = TimeSpan.FromSeconds(60) };
        Demo.DefaultRequestHeaders.Add("X-API-Key", DemoKey);
    }

    public async Task DisposeAsync()
    {
        Demo?.Dispose();
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
    }

    /// <summary>Waits for a finished span matching <paramref name="match"/>.</summary>
    public Task<Activity> SpanAsync(Func<Activity, bool> match, string what) =>
        Wait.Until(() => Task.FromResult(Spans.Find(match)), span => span is not null, $"{what}; spans recorded: {Spans.Count}")!;

    /// <summary>The recorded spans of one trace, for failure messages.</summary>
    public string DescribeTrace(ActivityTraceId traceId) =>
        string.Join("; ", Spans.Where(s => s.TraceId == traceId)
            .Select(s => $"{s.Source.Name} {s.Kind} '{s.DisplayName}' {s.SpanId} (parent {s.ParentSpanId})"));

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
}

/// <summary>Finished spans, safe to read while the exporter adds to it.</summary>
public sealed class SpanLog : ICollection<Activity>
{
    private readonly Lock _gate = new();
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public Activity? Find(Func<Activity, bool> match)
    {
        lock (_gate)
        {
            return _spans.FirstOrDefault(match);
        }
    }

    public void Add(Activity item)
    {
        lock (_gate)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_gate)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_gate)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_gate)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_gate)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

[CollectionDefinition(Name)]
public sealed class TracedNodeCollection : ICollectionFixture<TracedNode>
{
    public const string Name = "Traced node";
}
