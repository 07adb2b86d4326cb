using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Batches;

namespace Actors.Api.Batches;

/// <summary>
/// <c>GET /api/v1/batches/{id}/results</c>: every item with its outcome, streamed page by page so a batch of
/// thousands never sits in memory: JSON (each completed item's report as the result endpoint gives it) or CSV
/// (one row per item: key, job, status, error, summary and KPIs, cells guarded against spreadsheet formulas).
/// </summary>
public static class BatchExport
{
    private const int PageSize = 100;
    private const int Parallelism = 16;

    private static readonly string[] CsvHeader = ["index", "key", "job_id", "status", "error_code", "error_message", "summary", "kpis"];

    public static async Task<IResult> Export(HttpContext http, IClusterClient cluster, string id, string? format)
    {
        format ??= "json";
        if (format is not ("json" or "csv"))
        {
            return Problem.Validation($"Unknown export format '{format}'.", new Dictionary<string, string[]> { ["format"] = ["One of: json, csv."] });
        }
        var batch = BatchIds.IsWellFormed(id) ? BatchEndpoints.Batch(http, cluster, id) : null;
        if (batch is null || await batch.Get() is null)
        {
            return BatchEndpoints.BatchNotFound(id);
        }
        var tenantId = http.User.GetTenantId();
        return format == "csv"
            ? TypedResults.Stream(body => WriteCsvAsync(body, cluster, tenantId, batch, http.RequestAborted), "text/csv; charset=utf-8", $"{id}.csv")
            : TypedResults.Stream(body => WriteJsonAsync(body, cluster, tenantId, batch, http.RequestAborted), "application/json; charset=utf-8");
    }

    private static async Task WriteJsonAsync(Stream body, IClusterClient cluster, string tenantId, IBatch batch, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartArray();
        await foreach (var (item, report) in ItemsWithReportsAsync(cluster, tenantId, batch, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("index", item.Index);
            json.WriteString("key", item.Key);
            json.WriteString("job_id", item.JobId);
            json.WriteString("status", item.Status.ToWire());
            if (item.Error is { } error)
            {
                json.WriteStartObject("error");
                json.WriteString("code", error.Code);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("error");
            }
            json.WritePropertyName("report");
            if (report is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteRawValue(report, skipInputValidation: true);
            }
            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static async Task WriteCsvAsync(Stream body, IClusterClient cluster, string tenantId, IBatch batch, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync(CsvCells.Row(CsvHeader));
        await foreach (var (item, report) in ItemsWithReportsAsync(cluster, tenantId, batch, cancellationToken))
        {
            string? summary = null;
            string? kpis = null;
            if (report is not null)
            {
                using var document = JsonDocument.Parse(report);
                var root = document.RootElement;
                summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                kpis = root.TryGetProperty("kpis", out var k) && k.ValueKind == JsonValueKind.Array ? Kpis(k) : null;
            }
            await writer.WriteAsync(CsvCells.Row(item.Index.ToString(CultureInfo.InvariantCulture), item.Key, item.JobId, item.Status.ToWire(),
                item.Error?.Code, item.Error?.Message, summary, kpis));
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>KPIs in one cell: <c>name=value unit; …</c>.</summary>
    private static string Kpis(JsonElement kpis) => string.Join("; ", kpis.EnumerateArray().Select(kpi =>
    {
        var name = kpi.TryGetProperty("name", out var n) ? n.ToString() : "";
        var value = kpi.TryGetProperty("value", out var v) ? v.ToString() : "";
        var unit = kpi.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? " " + u.GetString() : "";
        return $"{name}={value}{unit}";
    }));

    /// <summary>The batch's items in order, each completed one with its report (read from its job, some at a time).</summary>
    private static async IAsyncEnumerable<(BatchItemView Item, string? Report)> ItemsWithReportsAsync(IClusterClient cluster, string tenantId, IBatch batch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await batch.ListItems(offset, PageSize);
            if (page is null || page.Items.Count == 0)
            {
                yield break;
            }
            var reports = new string?[page.Items.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, page.Items.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, _) =>
                {
                    if (page.Items[i].Status == JobStatus.Completed)
                    {
                        var result = await cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, page.Items[i].JobId)).GetResult();
                        reports[i] = result is { Expired: false } ? result.ReportJson : null;
                    }
                });
            for (var i = 0; i < page.Items.Count; i++)
            {
                yield return (page.Items[i], reports[i]);
            }
        }
    }
}
