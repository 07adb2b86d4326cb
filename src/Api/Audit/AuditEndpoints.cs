using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Audit;

namespace Actors.Api.Audit;

/// <summary><c>/api/v1/audit</c>: the caller's tenant's audit log, paginated and filtered, and its CSV export.</summary>
public static class AuditEndpoints
{
    private const int MaxLimit = 500;
    private const int DefaultLimit = 100;
    private const int ExportPageSize = 500;
    private const int MaxFilterLength = 200;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        audit.MapGet("/", List).RequireAuthorization(Scopes.Admin)
            .WithSummary("Read the tenant's audit log")
            .WithDescription("Every mutating call, newest first: time, actor, action, resource, outcome, request id, client IP and user agent. " +
                "Filter by action, actor and time (from, to: ISO 8601); pass next_cursor as cursor for the next page.")
            .Produces<AuditListResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        audit.MapGet("/export", Export).RequireAuthorization(Scopes.Admin).Audited("audit.export")
            .WithSummary("Export the tenant's audit log as CSV")
            .WithDescription("The same filters as the list, every matching entry, streamed as text/csv. Cells that a spreadsheet would run as a formula are prefixed with '.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster,
        string? action, string? actor, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor)
    {
        var errors = Check(action, actor, from, to);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"From 1 to {MaxLimit}."];
        }
        if (cursor is not null && !IsEntryId(cursor))
        {
            errors["cursor"] = ["Pass back a next_cursor this endpoint returned."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.", errors);
        }
        var page = await Log(http, cluster).Query(new AuditQuery(action, actor, from, to, cursor, limit ?? DefaultLimit));
        Actors.Api.Paging.Cursors.Link(http, page.NextCursor);
        return TypedResults.Ok(new AuditListResponse(page.Items.Select(AuditEntryResponse.From).ToList(), page.NextCursor));
    }

    private static IResult Export(HttpContext http, IClusterClient cluster, string? action, string? actor, DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = Check(action, actor, from, to);
        if (errors.Count > 0)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.", errors);
        }
        var log = Log(http, cluster);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await writer.WriteAsync(CsvCells.Row(AuditEntryResponse.CsvHeader));
            string? cursor = null;
            do
            {
                var page = await log.Query(new AuditQuery(action, actor, from, to, cursor, ExportPageSize));
                foreach (var entry in page.Items)
                {
                    await writer.WriteAsync(AuditEntryResponse.CsvRow(entry));
                }
                // One page at a time: a large log streams instead of building up in memory.
                await writer.FlushAsync(http.RequestAborted);
                cursor = page.NextCursor;
            }
            while (cursor is not null && !http.RequestAborted.IsCancellationRequested);
        }, "text/csv; charset=utf-8", "audit.csv");
    }

    private static Dictionary<string, string[]> Check(string? action, string? actor, DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (action is { Length: > MaxFilterLength })
        {
            errors["action"] = [$"At most {MaxFilterLength} characters."];
        }
        if (actor is { Length: > MaxFilterLength })
        {
            errors["actor"] = [$"At most {MaxFilterLength} characters."];
        }
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["Not after to."];
        }
        return errors;
    }

    private static bool IsEntryId(string id) => id.Length is > 4 and <= 64 && id.StartsWith("aud_", StringComparison.Ordinal)
        && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");

    private static IAuditLog Log(HttpContext http, IClusterClient cluster) => cluster.GetGrain<IAuditLog>(http.User.GetTenantId());
}
