using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Actors.Client;

/// <summary>
/// The Actors v1 API, typed. Analyses are on this class (submit, follow, result); the other resources
/// have a member each (<see cref="Conversations"/>, <see cref="Batches"/>, <see cref="Webhooks"/>, …).
/// Thread-safe; make one per service and key and keep it.
/// </summary>
public sealed class ActorsClient : IDisposable
{
    private readonly HttpClient? _owned;
    private readonly Transport _transport;
    private readonly EventFollower _events;

    /// <summary>A client with its own <see cref="HttpClient"/> for <paramref name="baseAddress"/> (e.g. <c>http://localhost:5000</c>).</summary>
    public ActorsClient(Uri baseAddress, string apiKey)
        : this(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new ActorsClientOptions { ApiKey = apiKey }, baseAddress, owned: true)
    {
    }

    /// <summary>A client over <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the service's address. <paramref name="http"/> stays the caller's.</summary>
    public ActorsClient(HttpClient http, ActorsClientOptions options)
        : this(http, options, http.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress: the service's address.", nameof(http)), owned: false)
    {
    }

    private ActorsClient(HttpClient http, ActorsClientOptions options, Uri baseAddress, bool owned)
    {
        _owned = owned ? http : null;
        _transport = new Transport(http, baseAddress, options);
        _events = new EventFollower(_transport);
        Conversations = new ConversationsClient(_transport);
        Batches = new BatchesClient(_transport, _events);
        Webhooks = new WebhooksClient(_transport);
        Agents = new AgentsClient(_transport);
        Teams = new TeamsClient(_transport);
        Keys = new KeysClient(_transport);
        Tenant = new TenantClient(_transport);
    }

    public ConversationsClient Conversations { get; }

    public BatchesClient Batches { get; }

    public WebhooksClient Webhooks { get; }

    public AgentsClient Agents { get; }

    public TeamsClient Teams { get; }

    public KeysClient Keys { get; }

    /// <summary>The caller's tenant: its limits and usage, LLM providers, LLM usage, audit log.</summary>
    public TenantClient Tenant { get; }

    /// <summary>
    /// Submits an analysis. Every call carries an <c>Idempotency-Key</c> (<paramref name="idempotencyKey"/>,
    /// else a new one), so the retries on 429, 503 and a lost connection, all with the same key, make one job at most.
    /// </summary>
    public Task<SubmittedAnalysis> SubmitAsync(AnalysisRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var key = idempotencyKey ?? NewIdempotencyKey();
        return _transport.SendJsonAsync<SubmittedAnalysis>(() =>
        {
            var message = _transport.Request(HttpMethod.Post, "api/v1/analyses", request);
            message.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return message;
        }, repeatable: true, cancellationToken);
    }

    public Task<AnalysisStatus> GetAnalysisAsync(string jobId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<AnalysisStatus>(() => _transport.Request(HttpMethod.Get, $"api/v1/analyses/{Transport.Escape(jobId)}"), true, cancellationToken);

    /// <summary>One page of the tenant's jobs, newest first; pass the page's <see cref="AnalysisPage.NextCursor"/> for the next.</summary>
    public Task<AnalysisPage> ListAnalysesAsync(JobStatus? status = null, string? type = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<AnalysisPage>(() => _transport.Request(HttpMethod.Get, Transport.Query("api/v1/analyses",
            ("status", status is { } s ? JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()) : null), ("type", type),
            ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", cursor))), true, cancellationToken);

    /// <summary>Every job of the tenant matching the filters, page after page.</summary>
    public async IAsyncEnumerable<AnalysisStatus> ListAllAnalysesAsync(JobStatus? status = null, string? type = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListAnalysesAsync(status, type, 250, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var job in page.Items)
            {
                yield return job;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// The job's events, from the first after <paramref name="afterSequence"/> to the terminal one. A dropped
    /// connection is resumed with <c>Last-Event-ID</c>: no event is lost or repeated.
    /// </summary>
    public IAsyncEnumerable<JobEvent> FollowAsync(string jobId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        _events.FollowAsync(
            $"api/v1/analyses/{Transport.Escape(jobId)}/events",
            afterSequence,
            static (_, data) => JsonSerializer.Deserialize<JobEvent>(data, WireJson.Options),
            static e => e.Sequence,
            static e => e.IsTerminal,
            cancellationToken);

    /// <summary>The finished job's report. A job that is not completed is an <see cref="ActorsApiException"/> (409: <c>result_not_ready</c>, <c>job_failed</c>, <c>job_cancelled</c>).</summary>
    public Task<AnalysisReport> GetResultAsync(string jobId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<AnalysisReport>(() => _transport.Request(HttpMethod.Get, $"api/v1/analyses/{Transport.Escape(jobId)}/result"), true, cancellationToken);

    /// <summary>The report as Markdown or as one self-contained HTML page.</summary>
    public async Task<string> GetResultTextAsync(string jobId, ReportFormat format, CancellationToken cancellationToken = default)
    {
        var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(format.ToString());
        using var response = await _transport.SendAsync(() => _transport.Request(HttpMethod.Get, Transport.Query($"api/v1/analyses/{Transport.Escape(jobId)}/result", ("format", name))),
            true, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Follows the job to its end, then reads its report; a job that failed or was cancelled throws <see cref="ActorsApiException"/>.</summary>
    public async Task<AnalysisReport> WaitForResultAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in FollowAsync(jobId, 0, cancellationToken).ConfigureAwait(false))
        {
        }
        return await GetResultAsync(jobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a queued or running job; a finished job is answered as it is.</summary>
    public Task<AnalysisStatus> CancelAsync(string jobId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<AnalysisStatus>(() => _transport.Request(HttpMethod.Delete, $"api/v1/analyses/{Transport.Escape(jobId)}"), true, cancellationToken);

    /// <summary>A fresh key: 128 random bits.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    public void Dispose() => _owned?.Dispose();
}
