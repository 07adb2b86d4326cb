using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.OpenApi;
using Actors.Api.Paging;
using Actors.Api.Problems;
using Actors.Batches;

namespace Actors.Api.Batches;

/// <summary><c>/api/v1/batches</c>: many analyses submitted, followed, cancelled and exported as one. Each item is an ordinary job.</summary>
public static class BatchEndpoints
{
    private const int MaxItemsPerPage = 1000;
    private const int DefaultItemsPerPage = 100;

    public static string UrlOf(string batchId) => $"/api/v1/batches/{batchId}";

    public static IEndpointRouteBuilder MapBatches(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/api/v1/batches").WithTags("Batches");
        batches.MapPost("/", Submit).RequireAuthorization(Scopes.AnalysesWrite).Audited("batch.submit")
            .WithSummary("Submit a batch")
            .WithDescription("Many analyses as one: {\"items\": [analysis bodies]} as JSON, or one file in any form POST /api/v1/analyses takes (a text/csv or XLSX body with the fields as query parameters, or multipart/form-data with a part named file) " +
                "with type and group_by=COLUMN making one item per distinct value of the column; without group_by the file is one item. " +
                "Every item is validated as POST /api/v1/analyses validates one, before anything is made; the items count against the monthly job quota, all or none. Answers 202 with the batch's URLs.")
            // One Accepts for all: its content types are also what routing lets in.
            .Accepts<BatchSubmission>(UploadBodies.ContentTypes[0], UploadBodies.ContentTypes[1..])
            .WithUploadBodies(("group_by", "For a file: the column whose distinct values make one item each (its rows, with the header); absent, the file is one item."))
            .Produces<SubmittedBatchResponse>(StatusCodes.Status202Accepted)
            .WithHeaderParameter("Idempotency-Key", "Up to 255 characters. A retry with the same key and items returns the same batch and makes no job twice; with other items, 422 idempotency_key_reused.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        batches.MapGet("/{id}", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read a batch").WithDescription("Counts of its items by status and its progress (the share of items finished).")
            .Produces<BatchResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        batches.MapGet("/{id}/items", Items).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("List a batch's items").WithDescription("In submission order, each with its job id and status; limit (at most 1000) and cursor page through them, and a Link header names the next page.")
            .Produces<BatchItemListResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        batches.MapGet("/{id}/events", BatchEventStream.Stream).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Follow a batch (Server-Sent Events)")
            .WithDescription("One item event per finished item (id: the number of items finished so far), then completed or cancelled (id: total + 1), then the stream ends. Last-Event-ID resumes after an event.")
            .Produces<BatchEventData>(StatusCodes.Status200OK, "text/event-stream")
            .WithHeaderParameter("Last-Event-ID", "Resume after this sequence number.").WithQueryParameter("last_event_id", "The same, for clients that cannot set headers.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        batches.MapDelete("/{id}", Cancel).RequireAuthorization(Scopes.AnalysesWrite).Audited("batch.cancel")
            .WithSummary("Cancel a batch").WithDescription("Cancels every item not finished; finished items stay as they are. Answers the batch.")
            .Produces<BatchResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        batches.MapGet("/{id}/results", BatchExport.Export).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Export a batch's results")
            .WithDescription("format=json (default): an array of {index, key, job_id, status, error, report}, the report for completed items. format=csv: one row per item with its summary and KPIs. Streamed; items not finished are listed with their status.")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> Submit(HttpContext http, BatchSubmitter submitter, Actors.Api.Tenancy.TenantDirectory tenants) =>
        await submitter.SubmitAsync(http, await tenants.GetAsync(http.User.GetTenantId()));

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster, string id)
    {
        var view = BatchIds.IsWellFormed(id) ? await Batch(http, cluster, id).Get() : null;
        return view is null ? BatchNotFound(id) : TypedResults.Ok(BatchResponse.From(view));
    }

    private static async Task<IResult> Items(HttpContext http, IClusterClient cluster, string id, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        var offset = Cursors.Read(cursor, limit, MaxItemsPerPage, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.", errors);
        }
        var page = BatchIds.IsWellFormed(id) ? await Batch(http, cluster, id).ListItems(offset, limit ?? DefaultItemsPerPage) : null;
        if (page is null)
        {
            return BatchNotFound(id);
        }
        var next = Cursors.Next(offset, page.Items.Count, page.Total);
        Cursors.Link(http, next);
        return TypedResults.Ok(new BatchItemListResponse([.. page.Items.Select(BatchItemResponse.From)], page.Total, next));
    }

    private static async Task<IResult> Cancel(HttpContext http, IClusterClient cluster, string id)
    {
        var view = BatchIds.IsWellFormed(id) ? await Batch(http, cluster, id).Cancel() : null;
        return view is null ? BatchNotFound(id) : TypedResults.Ok(BatchResponse.From(view));
    }

    internal static IBatch Batch(HttpContext http, IClusterClient cluster, string id) =>
        cluster.GetGrain<IBatch>(JobKey.For(http.User.GetTenantId(), id));

    internal static IResult BatchNotFound(string id) => Problem.NotFound($"No batch '{id}' for this tenant.");
}
