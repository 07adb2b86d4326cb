using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Actors.Client;

/// <summary>What a batch made from one file runs: the analysis type and, optionally, a column whose distinct values make one item each.</summary>
public sealed record BatchFileOptions
{
    public required string Type { get; init; }

    /// <summary>One item per distinct value of this column (each item gets that value's rows); none: the whole file is one item.</summary>
    public string? GroupBy { get; init; }

    public string? Question { get; init; }

    public JobPriority? Priority { get; init; }

    /// <summary>For an XLSX workbook: the sheet to read; none: the first.</summary>
    public string? Sheet { get; init; }
}

/// <summary><c>/api/v1/batches</c>: many analyses submitted, followed, cancelled and exported as one.</summary>
public sealed class BatchesClient
{
    private readonly Transport _transport;
    private readonly EventFollower _events;

    /// <summary>The media type of an XLSX workbook, for <see cref="SubmitFileAsync"/>.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal BatchesClient(Transport transport, EventFollower events)
    {
        _transport = transport;
        _events = events;
    }

    /// <summary>Submits many analyses as one batch, under an <c>Idempotency-Key</c> (given or new) so retries make one batch.</summary>
    public Task<SubmittedBatch> SubmitAsync(IReadOnlyList<AnalysisRequest> items, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var key = idempotencyKey ?? ActorsClient.NewIdempotencyKey();
        return _transport.SendJsonAsync<SubmittedBatch>(() =>
        {
            var request = _transport.Request(HttpMethod.Post, "api/v1/batches", new { items });
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return request;
        }, repeatable: true, cancellationToken);
    }

    /// <summary>
    /// Submits one file as a batch: <paramref name="contentType"/> <c>text/csv</c> (any separator the server detects)
    /// or <see cref="XlsxContentType"/> for a workbook; one item per distinct value of <see cref="BatchFileOptions.GroupBy"/>. The file is read into memory so that a retry can send it again.
    /// </summary>
    public async Task<SubmittedBatch> SubmitFileAsync(Stream file, string contentType, BatchFileOptions options, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var key = idempotencyKey ?? ActorsClient.NewIdempotencyKey();
        var path = Transport.Query("api/v1/batches", ("type", options.Type), ("group_by", options.GroupBy), ("sheet", options.Sheet), ("question", options.Question),
            ("priority", options.Priority is { } p ? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.ToString()) : null));
        return await _transport.SendJsonAsync<SubmittedBatch>(() =>
        {
            var request = _transport.Request(HttpMethod.Post, path);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return request;
        }, repeatable: true, cancellationToken).ConfigureAwait(false);
    }

    public Task<Batch> GetAsync(string batchId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Batch>(() => _transport.Request(HttpMethod.Get, Path(batchId)), true, cancellationToken);

    /// <summary>One page of the batch's items in order; pass <see cref="BatchItemPage.NextCursor"/> for the next.</summary>
    public Task<BatchItemPage> ListItemsAsync(string batchId, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<BatchItemPage>(() => _transport.Request(HttpMethod.Get, Transport.Query($"{Path(batchId)}/items",
            ("limit", limit?.ToString(CultureInfo.InvariantCulture)), ("cursor", cursor))), true, cancellationToken);

    /// <summary>Every item of the batch, page after page.</summary>
    public async IAsyncEnumerable<BatchItem> ListAllItemsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListItemsAsync(batchId, 1000, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>The batch's events: one per finished item, then <c>completed</c> (or <c>cancelled</c>). Resumes after a dropped connection.</summary>
    public IAsyncEnumerable<BatchEvent> FollowAsync(string batchId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        _events.FollowAsync(
            $"{Path(batchId)}/events",
            afterSequence,
            static (_, data) => JsonSerializer.Deserialize<BatchEvent>(data, WireJson.Options),
            static e => e.Sequence,
            static e => e.IsTerminal,
            cancellationToken);

    /// <summary>Cancels every item not yet finished.</summary>
    public Task<Batch> CancelAsync(string batchId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Batch>(() => _transport.Request(HttpMethod.Delete, Path(batchId)), true, cancellationToken);

    /// <summary>The items with their reports (for those completed), streamed from the JSON export.</summary>
    public async IAsyncEnumerable<BatchResult> GetResultsAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(() => _transport.Request(HttpMethod.Get, Transport.Query($"{Path(batchId)}/results", ("format", "json"))),
            true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var result in JsonSerializer.DeserializeAsyncEnumerable<BatchResult>(body, WireJson.Options, cancellationToken).ConfigureAwait(false))
        {
            if (result is not null)
            {
                yield return result;
            }
        }
    }

    /// <summary>The CSV export: one row per item (its key, job, status, error, summary and KPIs), written to <paramref name="destination"/>.</summary>
    public async Task ExportCsvAsync(string batchId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(() => _transport.Request(HttpMethod.Get, Transport.Query($"{Path(batchId)}/results", ("format", "csv"))),
            true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private static string Path(string batchId) => $"api/v1/batches/{Transport.Escape(batchId)}";
}
