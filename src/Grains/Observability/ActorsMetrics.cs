using System.Diagnostics.Metrics;

namespace Actors.Observability;

/// <summary>
/// The product's own instruments, on the meter named <see cref="MeterName"/>. Labels are bounded by
/// construction: analysis type, priority and outcome only. Job and tenant ids never become labels,
/// since every new value is a new time series kept by every scraper for as long as it retains data.
/// </summary>
public static class ActorsMetrics
{
    /// <summary>Every meter with this name (or a name under <c>Actors.</c>) is exported; other capabilities add their instruments to a meter of this name.</summary>
    public const string MeterName = "Actors";

    public const string TypeLabel = "type";
    public const string PriorityLabel = "priority";
    public const string OutcomeLabel = "outcome";

    /// <summary>The <c>type</c> label of a job whose type this node does not know: keeps a stray value from becoming a series.</summary>
    public const string OtherType = "other";

    // Jobs last from well under a second (the statistical engine) to the job timeout (10 minutes by default).
    private static readonly double[] JobSecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private static readonly Meter Meter = new(MeterName, typeof(ActorsMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Submitted = Meter.CreateCounter<long>(
        "actors.jobs.submitted", "{job}", "Analysis jobs accepted as queued.");

    private static readonly Counter<long> Completed = Meter.CreateCounter<long>(
        "actors.jobs.completed", "{job}", "Analysis jobs that completed with a report.");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "actors.jobs.failed", "{job}", "Analysis jobs that failed (bad data, timeout, attempts exhausted, unexpected errors).");

    private static readonly Counter<long> Cancelled = Meter.CreateCounter<long>(
        "actors.jobs.cancelled", "{job}", "Analysis jobs cancelled by request, whether queued or running.");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "actors.jobs.rejected", "{job}", "Analysis jobs rejected at an approval step, by a person or by the timeout policy.");

    private static readonly Counter<long> TenantEventsDropped = Meter.CreateCounter<long>(
        "actors.sse.tenant_events.dropped", "{event}", "Job events a GET /api/v1/events response dropped because its client read too slowly.");

    private static readonly Counter<long> AuditRefusals = Meter.CreateCounter<long>(
        "actors.audit.refused", "{request}", "Audited requests refused with 503 because the node already held its bound of unstored audit entries.");
    private static readonly Counter<long> LlmTokens = Meter.CreateCounter<long>(
        "actors.llm.tokens", "{token}", "Tokens LLM providers counted for the answers they gave, by direction (input, output), chain and model.");

    private static readonly Counter<double> LlmCost = Meter.CreateCounter<double>(
        "actors.llm.cost_usd", "{USD}", "What those answers cost at the node's configured prices (Actors:Llm:Prices), by chain and model.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "actors.job.duration", "s", "From a job's start to its completion, failure or cancellation.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSecondsBuckets });

    private static readonly Histogram<double> QueueWait = Meter.CreateHistogram(
        "actors.job.queue_wait", "s", "From a job's submission to its start: time spent waiting for a run slot of its tenant.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSecondsBuckets });

    // The gauges are observed, not pushed: the process keeps the current values and every listener
    // reads them when it collects. A listener that starts late (the metrics pipeline starts after
    // the silo; tests run two nodes in one process) still reads the true value, where an
    // UpDownCounter would have missed the changes made before it started and stay off for good.
    private static long _queuedHigh;
    private static long _queuedNormal;
    private static long _queuedLow;
    private static long _running;
    private static long _sseConnections;
    private static readonly System.Collections.Concurrent.ConcurrentBag<Func<IEnumerable<(string Provider, bool Open)>>> Breakers = [];
    private static readonly System.Collections.Concurrent.ConcurrentBag<Func<long>> AuditWriters = [];

    static ActorsMetrics()
    {
        Meter.CreateObservableUpDownCounter(
            "actors.queue.depth", ObserveQueueDepth, "{job}", "Jobs waiting in tenant queues for a run slot, by priority.");
        Meter.CreateObservableUpDownCounter(
            "actors.jobs.running", () => Interlocked.Read(ref _running), "{job}", "Jobs holding a run slot in their tenant's queue.");
        Meter.CreateObservableUpDownCounter(
            "actors.sse.connections", () => Interlocked.Read(ref _sseConnections), "{connection}", "Open Server-Sent Events streams of job progress.");
        Meter.CreateObservableUpDownCounter(
            "actors.audit.pending", () => AuditWriters.Sum(pending => pending()), "{entry}",
            "Audit entries this node accepted that their tenant's log has not stored yet (in memory and in the spill).");
        Meter.CreateObservableGauge(
            "actors.llm.breaker.open", ObserveBreakerStates, "{breaker}",
            "LLM provider circuit breakers open or half-open, as this node last read them; by chain (global: the operator's, tenant: tenants' own).");
    }

    /// <summary>Adds a view of the providers' breakers (one per silo) to <c>actors.llm.breaker.open</c>.</summary>
    public static void ObserveBreakers(Func<IEnumerable<(string Provider, bool Open)>> observe) => Breakers.Add(observe);

    // Instruments are process-wide, and a test process hosts several silos: a provider is open if any view says so.
    // Counted by chain, never labelled by provider: a breaker's key holds a tenant id and the tenant's own entry
    // names, and /metrics is unauthenticated (and every label value is a series). GET /api/v1/providers names them.
    private static IEnumerable<Measurement<int>> ObserveBreakerStates()
    {
        var open = Breakers.SelectMany(view => view())
            .GroupBy(b => b.Provider, StringComparer.Ordinal)
            .Where(g => g.Any(b => b.Open))
            .Select(g => Actors.Llm.ProviderTarget.ChainOf(g.Key))
            .ToList();
        return [.. new[] { Actors.Llm.ProviderTarget.GlobalOwner, TenantChain }.Select(chain =>
            new Measurement<int>(open.Count(c => c == chain), new KeyValuePair<string, object?>(ChainLabel, chain)))];
    }

    public const string ChainLabel = "chain";
    public const string TenantChain = "tenant";

    /// <summary>Creates the instruments now (they are otherwise made on first use), so the gauges read 0 from the start rather than "no data".</summary>
    public static void Publish()
    {
        // The static constructor has run by the time this body runs.
    }

    public static void TenantEventsDroppedForSlowClient(long count) => TenantEventsDropped.Add(count);

    /// <summary>Adds a node's audit writer to <c>actors.audit.pending</c>.</summary>
    public static void ObserveAuditPending(Func<long> pending) => AuditWriters.Add(pending);

    public static void AuditRefused() => AuditRefusals.Add(1);
    public const string ModelLabel = "model";

    /// <summary>
    /// One LLM answer's usage. The model is a label only on the operator's chain, whose models the
    /// operator chose; tenants name their own models, so theirs count under <c>model="tenant"</c>, with
    /// no tenant id (per tenant and model: <c>GET /api/v1/usage</c>, which needs the tenant's key).
    /// </summary>
    public static void LlmAnswered(string chain, string model, long inputTokens, long outputTokens, decimal costUsd)
    {
        var shown = chain == TenantChain ? TenantChain : model;
        LlmTokens.Add(inputTokens, new(ChainLabel, chain), new(ModelLabel, shown), new("direction", "input"));
        LlmTokens.Add(outputTokens, new(ChainLabel, chain), new(ModelLabel, shown), new("direction", "output"));
        LlmCost.Add((double)costUsd, new(ChainLabel, chain), new(ModelLabel, shown));
    }

    public static void JobSubmitted(string type) =>
        Submitted.Add(1, new KeyValuePair<string, object?>(TypeLabel, type));

    public static void JobStarted(string type, JobPriority priority, TimeSpan queueWait) =>
        QueueWait.Record(Seconds(queueWait),
            new KeyValuePair<string, object?>(TypeLabel, type),
            new KeyValuePair<string, object?>(PriorityLabel, priority.ToWire()));

    /// <summary>Counts a terminal job by its outcome; <paramref name="ran"/> is null for a job cancelled before it started.</summary>
    public static void JobFinished(string type, JobStatus outcome, TimeSpan? ran)
    {
        var counter = outcome switch
        {
            JobStatus.Completed => Completed,
            JobStatus.Failed => Failed,
            JobStatus.Cancelled => Cancelled,
            JobStatus.Rejected => Rejected,
            _ => null,
        };
        if (counter is null)
        {
            return;
        }
        var typeTag = new KeyValuePair<string, object?>(TypeLabel, type);
        counter.Add(1, typeTag);
        if (ran is { } duration)
        {
            Duration.Record(Seconds(duration), typeTag, new KeyValuePair<string, object?>(OutcomeLabel, outcome.ToWire()));
        }
    }

    public static void QueueDepthChanged(JobPriority priority, long delta)
    {
        switch (priority)
        {
            case JobPriority.High:
                Interlocked.Add(ref _queuedHigh, delta);
                break;
            case JobPriority.Low:
                Interlocked.Add(ref _queuedLow, delta);
                break;
            default:
                Interlocked.Add(ref _queuedNormal, delta);
                break;
        }
    }

    public static void RunningChanged(long delta) => Interlocked.Add(ref _running, delta);

    /// <summary>Counts an open event stream until the returned value is disposed: <c>using var _ = ActorsMetrics.SseConnectionOpened();</c>.</summary>
    public static OpenSseConnection SseConnectionOpened()
    {
        Interlocked.Increment(ref _sseConnections);
        return new OpenSseConnection();
    }

    /// <summary>One counted event stream; disposing it more than once counts it closed once.</summary>
    public sealed class OpenSseConnection : IDisposable
    {
        private int _closed;

        internal OpenSseConnection()
        {
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Decrement(ref _sseConnections);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveQueueDepth() =>
    [
        new(Interlocked.Read(ref _queuedHigh), new KeyValuePair<string, object?>(PriorityLabel, JobPriority.High.ToWire())),
        new(Interlocked.Read(ref _queuedNormal), new KeyValuePair<string, object?>(PriorityLabel, JobPriority.Normal.ToWire())),
        new(Interlocked.Read(ref _queuedLow), new KeyValuePair<string, object?>(PriorityLabel, JobPriority.Low.ToWire())),
    ];

    // Clock steps (a resumed job on a silo whose clock lags) must not record negative durations.
    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
