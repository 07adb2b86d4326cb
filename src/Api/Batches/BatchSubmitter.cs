using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Actors.Analytics;
using Actors.Api.Analyses;
using Actors.Api.Limits;
using Actors.Api.Problems;
using Actors.Api.Tenancy;
using Actors.Batches;
using Actors.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Batches;

/// <summary>
/// <c>POST /api/v1/batches</c>: reads the items (a JSON <c>{"items": [...]}</c> of analysis bodies, or one file, CSV,
/// multipart or XLSX, split by <c>group_by</c>), validates every item as a single submission is validated before anything is made,
/// counts them against the monthly quota, creates the batch with its items' job ids, then submits the jobs.
/// Under an <c>Idempotency-Key</c> the batch and job ids follow from the key, so a retry after a cut makes
/// nothing twice and completes what the first attempt began.
/// </summary>
public sealed class BatchSubmitter(
    SubmissionReader reader,
    UploadReader uploads,
    JobSubmitter jobs,
    IClusterClient cluster,
    IOptions<InputLimits> inputLimits,
    IOptions<BatchOptions> options,
    IOptions<QueueOptions> queue,
    TimeProvider time,
    ILogger<BatchSubmitter> logger)
{
    /// <summary>Jobs submitted at once: enough to keep the silos busy, few enough not to flood one.</summary>
    private const int SubmitParallelism = 32;

    private const string GroupByField = "group_by";

    private readonly BatchOptions _options = options.Value;

    public async Task<IResult> SubmitAsync(HttpContext http, TenantPolicy tenant)
    {
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 255)
        {
            return Problem.Validation("The Idempotency-Key header is too long.", new Dictionary<string, string[]> { ["Idempotency-Key"] = ["At most 255 characters."] });
        }
        if (tenant.Limits.MaxPayloadBytes is { } maxBytes && SubmissionReader.TenantPayloadLimit(http.Request, maxBytes) is { } tooLarge)
        {
            return tooLarge;
        }
        var (bodies, type, groupBy, unreadable) = await ReadItemsAsync(http);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var requests = new List<AnalysisRequest>(bodies!.Count);
        for (var index = 0; index < bodies.Count; index++)
        {
            var (request, team, problem) = reader.Read(bodies[index].Body, tenant.Limits);
            if (problem is null)
            {
                (request, problem) = await jobs.PrepareAsync(http, tenant.TenantId, request!, team);
            }
            if (problem is not null)
            {
                return ForItem(problem, index, bodies[index].Key);
            }
            requests.Add(request!);
        }

        var batchId = idempotencyKey.Length == 0 ? BatchIds.New() : BatchIds.ForKey(idempotencyKey);
        var items = requests.Select((r, i) => new BatchItemDraft(bodies[i].Key, BatchIds.JobOf(batchId, i))).ToList();
        var fingerprint = Fingerprint(requests);
        // A batch's items wait in the tenant's queue like any jobs: the queue's bound holds for them all.
        if (await TenantQuotas.RefuseWhenQueueFullAsync(http, cluster, tenant.TenantId, queue.Value, requests.Count) is { } queueFull)
        {
            return queueFull;
        }
        if (await TenantQuotas.CountJobsAsync(http, cluster, tenant, time, requests.Count) is { } overQuota)
        {
            return overQuota;
        }
        var batch = cluster.GetGrain<IBatch>(JobKey.For(tenant.TenantId, batchId));
        var creation = await batch.Create(new BatchDraft(batchId, type ?? SingleType(requests), groupBy, items, fingerprint));
        if (!creation.Created)
        {
            await TenantQuotas.UncountJobsAsync(cluster, tenant.TenantId, time, requests.Count);
            if (!creation.SameRequest)
            {
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused, "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different batch. Use a new key for a new batch.");
            }
        }

        // The batch exists before its jobs: a job that finishes at once finds it. Submit is idempotent, so a retry re-submits safely.
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = SubmitParallelism },
            async (index, _) => await cluster.GetGrain<IAnalysisJob>(JobKey.For(tenant.TenantId, items[index].JobId))
                .SubmitNew(requests[index] with { BatchId = batchId }));
        logger.LogInformation("Tenant {TenantId} submitted batch {BatchId} of {ItemCount} items; new: {Created}", tenant.TenantId, batchId, requests.Count, creation.Created);
        var view = await batch.Get() ?? creation.View;
        return TypedResults.Accepted(BatchEndpoints.UrlOf(batchId), SubmittedBatchResponse.From(view));
    }

    /// <summary>The items' bodies as a single submission would carry them, with their group's value.</summary>
    private async Task<(List<(string? Key, JsonElement Body)>? Items, string? Type, string? GroupBy, IResult? Problem)> ReadItemsAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType ?? "";
        if (UploadReader.Accepts(contentType))
        {
            return await ReadFileAsync(http);
        }
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !contentType.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, null, Problem.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type",
                $"Send a batch as application/json ({{\"items\": [...]}}) or as one file, {UploadReader.MediaTypesText}, with ?type=...&group_by=COLUMN."));
        }
        var (utf8, refused) = await JsonBody.ReadAsync(http.Request, inputLimits.Value, http.RequestAborted, 3, "csv");
        if (refused is not null)
        {
            return (null, null, null, refused);
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = inputLimits.Value.MaxJsonDepth + 1 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return (null, null, null, JsonBody.InvalidJson(ex));
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return (null, null, null, Invalid("items", "Required: an array of analysis bodies, each as POST /api/v1/analyses takes one."));
        }
        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => name != "items") is { } unknown)
        {
            return (null, null, null, Invalid(unknown, "Unknown member; a batch body has only items."));
        }
        var count = array.GetArrayLength();
        if (count == 0 || count > _options.MaxItems)
        {
            return (null, null, null, Invalid("items", $"From 1 to {_options.MaxItems} items."));
        }
        return ([.. array.EnumerateArray().Select(item => ((string?)null, item))], null, null, null);
    }

    /// <summary>
    /// One file in any form a single submit takes (text/csv, multipart/form-data, XLSX), read by the intake's
    /// <see cref="UploadReader"/> within the parser's limits for the whole file; the other fields as query
    /// parameters or form fields, <c>group_by</c> splitting the table into an item per distinct value. Each item
    /// is then validated as a single submit, the tenant's records per job included.
    /// </summary>
    private async Task<(List<(string? Key, JsonElement Body)>? Items, string? Type, string? GroupBy, IResult? Problem)> ReadFileAsync(HttpContext http)
    {
        var (upload, refused) = await uploads.ReadAsync(http.Request, inputLimits.Value.ForTable(null), http.RequestAborted);
        if (upload is null)
        {
            return (null, null, null, refused);
        }
        var groupBy = upload.Fields.GetValueOrDefault(GroupByField) is { Length: > 0 } column ? column : null;
        var fields = upload.Fields.Where(f => f.Key != GroupByField).ToDictionary(StringComparer.Ordinal);
        if (fields.GetValueOrDefault("type") is not { Length: > 0 } type)
        {
            return (null, null, null, Invalid("type", "Required as a query parameter or form field when the batch is a file: ?type=trend_analysis&group_by=COLUMN."));
        }
        IReadOnlyList<(string? Key, string Csv)> parts;
        try
        {
            parts = groupBy is null ? [(null, upload.Csv)] : [.. TableGroups.Split(upload.Table, groupBy, _options.MaxItems).Select(g => ((string?)g.Key, g.Csv))];
        }
        catch (DataFormatException ex)
        {
            return (null, null, null, Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidData, "The file cannot be read", ex.Message));
        }
        var items = parts.Select(part => (part.Key, (upload with { Fields = fields, Csv = part.Csv }).ToBody())).ToList();
        return (items, type, groupBy, null);
    }

    /// <summary>An item's problem, saying which item: its index (and group value) in the problem and in its detail.</summary>
    private static IResult ForItem(IResult problem, int index, string? key)
    {
        if (problem is ProblemHttpResult { ProblemDetails: { } details })
        {
            details.Extensions["item"] = index;
            if (key is not null)
            {
                details.Extensions["key"] = key;
            }
            details.Detail = $"Item {index}{(key is null ? "" : $" ({key})")}: {details.Detail}";
        }
        return problem;
    }

    private static string? SingleType(IReadOnlyList<AnalysisRequest> requests) =>
        requests.Select(r => r.Type).Distinct().Count() == 1 ? requests[0].Type : null;

    private static string Fingerprint(IEnumerable<AnalysisRequest> requests) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", requests.Select(r => r.Fingerprint)))));

    private static IResult Invalid(string field, string message) =>
        Problem.Validation($"'{field}' is not valid: {message}", new Dictionary<string, string[]> { [field] = [message] });
}
