using System.Diagnostics;
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
    private TestNode? _node;

    public string DemoKey { get; } = TestNode.NewKey();

    public SpanLog Spans { get; } = new();

    /// <summary>The demo tenant of this node.</summary>
    public HttpClient Demo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
            [$"--ACTORS_DEV_API_KEY={DemoKey}", "--Serilog:MinimumLevel:Default=Warning", "--Serilog:MinimumLevel:Override:Orleans=Error"],
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
        // A plain HttpClient: its own span is the parent the tracing tests look for.
        Demo = new HttpClient { BaseAddress = _node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Demo.DefaultRequestHeaders.Add("X-API-Key", DemoKey);
    }

    public async Task DisposeAsync()
    {
        Demo?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>Waits for a finished span matching <paramref name="match"/>.</summary>
    public Task<Activity> SpanAsync(Func<Activity, bool> match, string what) =>
        Eventually.Until(() => Task.FromResult(Spans.Find(match)), span => span is not null, $"{what}; spans recorded: {Spans.Count}")!;

    /// <summary>The recorded spans of one trace, for failure messages.</summary>
    public string DescribeTrace(ActivityTraceId traceId) =>
        string.Join("; ", Spans.Where(s => s.TraceId == traceId)
            .Select(s => $"{s.Source.Name} {s.Kind} '{s.DisplayName}' {s.SpanId} (parent {s.ParentSpanId})"));
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
