using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>
/// <c>/api/v1/tenants</c>: the platform operator's tenant administration (scope <c>platform:admin</c>,
/// held by the bootstrap admin key), and <c>/api/v1/tenant</c>: a tenant's own limits and usage.
/// </summary>
public static class TenantEndpoints
{
    public const string Path = "/api/v1/tenants";
    private const int MaxNameLength = 200;
    private const int MaxPerPage = 250;

    public static IEndpointRouteBuilder MapTenants(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup(Path).WithTags("Tenants").RequireAuthorization(Scopes.PlatformAdmin);
        tenants.MapPost("/", Create).Audited("tenant.create")
            .WithSummary("Create a tenant").WithDescription("Then issue its first key with POST /api/v1/tenants/{id}/keys.")
            .Produces<TenantResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tenants.MapGet("/", List).WithSummary("List tenants").Produces<TenantListResponse>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tenants.MapGet("/{tenantId}", Get).WithSummary("Read a tenant").Produces<TenantResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPatch("/{tenantId}", Update).Audited("tenant.update")
            .WithSummary("Change a tenant's name, status, limits or settings").WithDescription("Members left out stay as they are; limits merge member by member; a setting set to null goes back to the default.")
            .Produces<TenantResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tenants.MapPost("/{tenantId}/suspend", (string tenantId, IClusterClient cluster, TenantDirectory directory, TimeProvider time) =>
                SetStatus(tenantId, TenantStatus.Suspended, cluster, directory, time)).Audited("tenant.suspend")
            .WithSummary("Suspend a tenant").WithDescription("Its requests get 403 tenant_suspended and its queued jobs do not start (running jobs finish).")
            .Produces<TenantResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPost("/{tenantId}/resume", (string tenantId, IClusterClient cluster, TenantDirectory directory, TimeProvider time) =>
                SetStatus(tenantId, TenantStatus.Active, cluster, directory, time)).Audited("tenant.resume")
            .WithSummary("Resume a suspended tenant").WithDescription("Its queued jobs start as its concurrency limit allows.")
            .Produces<TenantResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/v1/tenant", Own).WithTags("Tenants").RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read your tenant's limits and usage").Produces<TenantResponse>();
        return app;
    }

    private static async Task<IResult> Create(TenantCreateBody? body, IClusterClient cluster, TenantDirectory directory, TimeProvider time, ILogger<TenantDirectory> logger)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TenantIds.IsWellFormed(body?.Id))
        {
            errors["id"] = [$"Required: {TenantIds.Rule}."];
        }
        ValidateName(body?.Name, required: true, errors);
        var status = TenantStatus.Active;
        if (body?.Status is { } statusText && (!TenantStatusExtensions.TryParseWire(statusText, out status) || status == TenantStatus.Suspended))
        {
            errors["status"] = ["active or trial."];
        }
        body?.Limits?.Validate(errors);
        TenantLimitsBody.ValidateSettings(body?.Settings, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation("Some fields are missing or not valid; see errors.", errors);
        }

        var created = await cluster.GetGrain<ITenant>(body!.Id!).Create(body.Name!.Trim(), status, body.Limits?.ToLimits() ?? TenantLimits.None,
            body.Settings ?? new Dictionary<string, string>());
        if (created is null)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ProblemCodes.TenantExists, "The tenant exists",
                $"A tenant '{body.Id}' already exists; change it with PATCH {Path}/{body.Id}.");
        }
        directory.Forget(created.Id);
        logger.LogInformation("Platform admin created tenant {TenantId}", created.Id);
        return TypedResults.Created($"{Path}/{created.Id}", await ResponseOf(created, cluster, time));
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster, TimeProvider time, int? page, int? per_page, int? limit, string? cursor)
    {
        if (page is < 1 || per_page is < 1 or > MaxPerPage)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.",
                new Dictionary<string, string[]> { ["page"] = ["At least 1."], ["per_page"] = [$"From 1 to {MaxPerPage}."] });
        }
        var errors = new Dictionary<string, string[]>();
        var cursorOffset = Actors.Api.Paging.Cursors.Read(cursor, limit, MaxPerPage, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.", errors);
        }
        var size = limit ?? per_page ?? 50;
        var offset = cursor is not null ? cursorOffset : ((page ?? 1) - 1) * size;
        var registry = cluster.GetGrain<ITenantRegistry>(ITenantRegistry.Key);
        var (ids, total) = await Actors.Api.Paging.Cursors.WindowAsync(offset, size, async (number, perPage) =>
        {
            var (listed, count) = await registry.List(number, perPage);
            return ((IReadOnlyList<string>)listed, count);
        });
        var next = Actors.Api.Paging.Cursors.Next(offset, ids.Count, total);
        Actors.Api.Paging.Cursors.Link(http, next);
        var items = new List<TenantResponse>();
        foreach (var id in ids)
        {
            if (await cluster.GetGrain<ITenant>(id).Get() is { } record)
            {
                items.Add(await ResponseOf(record, cluster, time));
            }
        }
        return TypedResults.Ok(new TenantListResponse(items, offset / size + 1, size, total, next));
    }

    private static async Task<IResult> Get(string tenantId, IClusterClient cluster, TimeProvider time) =>
        await RecordOf(tenantId, cluster) is { } record ? TypedResults.Ok(await ResponseOf(record, cluster, time)) : TenantNotFound(tenantId);

    private static async Task<IResult> Update(string tenantId, TenantUpdateBody? body, IClusterClient cluster, TenantDirectory directory, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateName(body?.Name, required: false, errors);
        TenantStatus? status = null;
        if (body?.Status is { } statusText)
        {
            if (TenantStatusExtensions.TryParseWire(statusText, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = ["active, trial or suspended."];
            }
        }
        body?.Limits?.Validate(errors);
        TenantLimitsBody.ValidateSettings(body?.Settings, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation("Some fields are not valid; see errors.", errors);
        }
        if (!TenantIds.IsWellFormed(tenantId))
        {
            return TenantNotFound(tenantId);
        }
        var updated = await cluster.GetGrain<ITenant>(tenantId).Update(
            new TenantChange(body?.Name?.Trim(), status, body?.Limits?.ToLimits(), body?.Settings));
        directory.Forget(tenantId);
        return updated is null ? TenantNotFound(tenantId) : TypedResults.Ok(await ResponseOf(updated, cluster, time));
    }

    private static async Task<IResult> SetStatus(string tenantId, TenantStatus status, IClusterClient cluster, TenantDirectory directory, TimeProvider time)
    {
        if (!TenantIds.IsWellFormed(tenantId))
        {
            return TenantNotFound(tenantId);
        }
        var updated = await cluster.GetGrain<ITenant>(tenantId).Update(new TenantChange(Status: status));
        directory.Forget(tenantId);
        return updated is null ? TenantNotFound(tenantId) : TypedResults.Ok(await ResponseOf(updated, cluster, time));
    }

    private static async Task<IResult> Own(HttpContext http, IClusterClient cluster, TimeProvider time)
    {
        var tenantId = http.User.GetTenantId();
        var record = await RecordOf(tenantId, cluster) ?? new TenantRecord(tenantId, tenantId, TenantStatus.Active, TenantLimits.None,
            new Dictionary<string, string>(), DateTimeOffset.MinValue, DateTimeOffset.MinValue);
        return TypedResults.Ok(await ResponseOf(record, cluster, time));
    }

    private static async Task<TenantRecord?> RecordOf(string tenantId, IClusterClient cluster) =>
        TenantIds.IsWellFormed(tenantId) ? await cluster.GetGrain<ITenant>(tenantId).Get() : null;

    private static async Task<TenantResponse> ResponseOf(TenantRecord record, IClusterClient cluster, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var policy = await cluster.GetGrain<ITenant>(record.Id).GetPolicy();
        var jobs = await cluster.GetGrain<ITenantUsage>(ITenantUsage.KeyFor(record.Id, now)).GetJobsSubmitted();
        return TenantResponse.From(record, policy, new UsageResponse($"{now.UtcDateTime:yyyy-MM}", jobs));
    }

    private static void ValidateName(string? name, bool required, Dictionary<string, string[]> errors)
    {
        if ((required && string.IsNullOrWhiteSpace(name)) || name is { Length: > MaxNameLength } || (name is not null && name.Trim().Length == 0))
        {
            errors["name"] = [$"{(required ? "Required, " : "")}1 to {MaxNameLength} characters."];
        }
    }

    private static IResult TenantNotFound(string tenantId) => Problem.NotFound($"No tenant '{tenantId}'.");
}
