using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Webhooks;

namespace Actors.Api.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks</c>: the tenant's webhooks (register, read, change, delete, test, rotate the
/// secret, read the delivery log) and the secret that signs its jobs' <c>callback_url</c> deliveries.
/// </summary>
public static class WebhookEndpoints
{
    private const int MaxUrlLength = 2_048;
    private const int MaxDescriptionLength = 500;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/", Create).RequireAuthorization(Scopes.Admin).Audited("webhook.create")
            .WithSummary("Register a webhook")
            .WithDescription("Subscribes a URL to analysis.completed, analysis.failed or budget.reached. The answer carries the signing secret, shown this once. " +
                "A URL that resolves to a private or loopback address is refused with target_not_allowed; a 21st webhook with limit_reached.")
            .Produces<WebhookWithSecretResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        webhooks.MapGet("/", List).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("List the tenant's webhooks").WithDescription("Never their secrets. Without the admin scope each url is masked to its scheme, host and port (https://hooks.example.com/…).")
            .Produces<List<WebhookResponse>>();
        webhooks.MapGet("/callback-secret", GetCallbackSecret).RequireAuthorization(Scopes.Admin).Audited("callback_secret.read")
            .WithSummary("Read the callback secret").WithDescription("The secret that signs deliveries to the tenant's jobs' callback_url; made on first use.")
            .Produces<CallbackSecretResponse>();
        webhooks.MapPost("/callback-secret/rotate", RotateCallbackSecret).RequireAuthorization(Scopes.Admin).Audited("callback_secret.rotate")
            .WithSummary("Replace the callback secret").Produces<CallbackSecretResponse>();
        webhooks.MapGet("/callback-deliveries", CallbackDeliveries).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("The log of callback_url deliveries").WithDescription("The newest attempts, newest first.")
            .Produces<List<DeliveryAttemptResponse>>();
        webhooks.MapGet("/{id}", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read a webhook").Produces<WebhookResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPut("/{id}", Update).RequireAuthorization(Scopes.Admin).Audited("webhook.update")
            .WithSummary("Change a webhook").WithDescription("Members left out stay as they are; a disabled webhook receives no events.")
            .Produces<WebhookResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        webhooks.MapDelete("/{id}", Delete).RequireAuthorization(Scopes.Admin).Audited("webhook.delete")
            .WithSummary("Delete a webhook and its delivery log").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id}/test", Test).RequireAuthorization(Scopes.Admin).Audited("webhook.test")
            .WithSummary("Send a test delivery").WithDescription("A webhook.test delivery through the same path as real ones: signed, retried and logged.")
            .Produces<TestDeliveryResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id}/rotate-secret", RotateSecret).RequireAuthorization(Scopes.Admin).Audited("webhook.rotate_secret")
            .WithSummary("Replace a webhook's secret").WithDescription("The new secret is shown this once and signs every later attempt.")
            .Produces<WebhookWithSecretResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{id}/deliveries", Deliveries).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("A webhook's delivery log").WithDescription("The newest attempts, newest first: status, response code, latency, attempt and time; the error text needs the admin scope.")
            .Produces<List<DeliveryAttemptResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Create(HttpContext http, IClusterClient cluster, WebhookTargetGuard guard, IOptions<WebhookOptions> options, WebhookRequest? body)
    {
        if (body is null)
        {
            return NotAnObject();
        }
        var errors = new Dictionary<string, string[]>();
        if (body.Url is null)
        {
            errors["url"] = ["Required."];
        }
        else
        {
            CheckUrl(errors, body.Url);
        }
        if (body.Events is null)
        {
            errors["events"] = [$"Required: one or more of {string.Join(", ", WebhookEvents.Subscribable)}."];
        }
        else
        {
            CheckEvents(errors, body.Events);
        }
        CheckDescription(errors, body.Description);
        if (errors.Count > 0)
        {
            return Problem.Validation("The webhook is not valid; see errors.", errors);
        }
        if (await guard.RefusalAsync(body.Url!, http.RequestAborted) is { } refusal)
        {
            return TargetNotAllowed("url", refusal);
        }

        var created = await Registry(http, cluster).Create(new WebhookDraft(body.Url!, body.Events!, body.Description));
        if (created is null)
        {
            return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.LimitReached, "Too many webhooks",
                $"A tenant may register at most {options.Value.MaxWebhooksPerTenant} webhooks; delete one first.");
        }
        return TypedResults.Created($"/api/v1/webhooks/{created.Webhook.Id}", WebhookWithSecretResponse.From(created));
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok((await Registry(http, cluster).List()).Select(SeesTargets(http) ? WebhookResponse.From : (Func<WebhookView, WebhookResponse>)WebhookResponse.Masked).ToList());

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster, string id)
    {
        var view = WebhookSecrets.IsWebhookId(id) ? await Registry(http, cluster).Get(id) : null;
        return view is null ? WebhookNotFound(id) : TypedResults.Ok(SeesTargets(http) ? WebhookResponse.From(view) : WebhookResponse.Masked(view));
    }

    /// <summary>
    /// Whether the caller may see webhook URLs and delivery errors in full: the admin scope, which manages
    /// them. A read-only key sees them masked (<see cref="WebhookResponse.MaskedUrl"/>).
    /// </summary>
    private static bool SeesTargets(HttpContext http) => http.User.HasClaim(TenantClaims.Scope, Scopes.Admin);

    private static async Task<IResult> Update(HttpContext http, IClusterClient cluster, WebhookTargetGuard guard, string id, WebhookUpdateRequest? body)
    {
        if (!WebhookSecrets.IsWebhookId(id))
        {
            return WebhookNotFound(id);
        }
        if (body is null)
        {
            return NotAnObject();
        }
        var errors = new Dictionary<string, string[]>();
        if (body.Url is not null)
        {
            CheckUrl(errors, body.Url);
        }
        if (body.Events is not null)
        {
            CheckEvents(errors, body.Events);
        }
        CheckDescription(errors, body.Description);
        if (errors.Count > 0)
        {
            return Problem.Validation("The change is not valid; see errors.", errors);
        }
        if (body.Url is not null && await guard.RefusalAsync(body.Url, http.RequestAborted) is { } refusal)
        {
            return TargetNotAllowed("url", refusal);
        }
        var view = await Registry(http, cluster).Update(id, new WebhookChange(body.Url, body.Events, body.Description, body.Enabled));
        return view is null ? WebhookNotFound(id) : TypedResults.Ok(WebhookResponse.From(view));
    }

    private static async Task<IResult> Delete(HttpContext http, IClusterClient cluster, string id) =>
        WebhookSecrets.IsWebhookId(id) && await Registry(http, cluster).Delete(id) ? TypedResults.NoContent() : WebhookNotFound(id);

    private static async Task<IResult> RotateSecret(HttpContext http, IClusterClient cluster, string id)
    {
        var rotated = WebhookSecrets.IsWebhookId(id) ? await Registry(http, cluster).RotateSecret(id) : null;
        return rotated is null ? WebhookNotFound(id) : TypedResults.Ok(WebhookWithSecretResponse.From(rotated));
    }

    /// <summary>Sends a <c>webhook.test</c> delivery through the same path as real ones (signature, retries, log, target check).</summary>
    private static async Task<IResult> Test(HttpContext http, IClusterClient cluster, TimeProvider time, string id)
    {
        if (!WebhookSecrets.IsWebhookId(id) || await Registry(http, cluster).Get(id) is null)
        {
            return WebhookNotFound(id);
        }
        var subject = "test_" + Guid.NewGuid().ToString("N");
        var key = DeliveryKey.For(http.User.GetTenantId(), id, subject, WebhookEvents.Test);
        var order = new DeliveryOrder(WebhookEvents.Test, new DeliveryData(null, null, null, null, null), time.GetUtcNow(), null);
        await cluster.GetGrain<IWebhookDelivery>(key).Start(order);
        var deliveries = $"/api/v1/webhooks/{id}/deliveries";
        return TypedResults.Accepted(deliveries, new TestDeliveryResponse(DeliveryKey.IdOf(key), WebhookEvents.Test, deliveries));
    }

    private static async Task<IResult> Deliveries(HttpContext http, IClusterClient cluster, string id)
    {
        if (!WebhookSecrets.IsWebhookId(id) || await Registry(http, cluster).Get(id) is null)
        {
            return WebhookNotFound(id);
        }
        return await LogOf(http, cluster, id);
    }

    private static async Task<IResult> GetCallbackSecret(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(CallbackSecretResponse.From(await Registry(http, cluster).GetCallbackSecret()));

    private static async Task<IResult> RotateCallbackSecret(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(CallbackSecretResponse.From(await Registry(http, cluster).RotateCallbackSecret()));

    private static Task<IResult> CallbackDeliveries(HttpContext http, IClusterClient cluster) => LogOf(http, cluster, DeliveryKey.Callback);

    private static async Task<IResult> LogOf(HttpContext http, IClusterClient cluster, string target)
    {
        var log = cluster.GetGrain<IWebhookDeliveryLog>(DeliveryKey.LogFor(http.User.GetTenantId(), target));
        return TypedResults.Ok((await log.List()).Select(SeesTargets(http) ? DeliveryAttemptResponse.From : (Func<DeliveryAttempt, DeliveryAttemptResponse>)DeliveryAttemptResponse.Masked).ToList());
    }

    /// <summary>The 422 for a URL that deliveries may not reach, naming the field it came in.</summary>
    internal static IResult TargetNotAllowed(string field, string detail) =>
        Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TargetNotAllowed, "The target URL is not allowed", detail,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    private static ITenantWebhooks Registry(HttpContext http, IClusterClient cluster) =>
        cluster.GetGrain<ITenantWebhooks>(http.User.GetTenantId());

    private static IResult WebhookNotFound(string id) => Problem.NotFound($"No webhook '{id}' for this tenant.");

    private static IResult NotAnObject() =>
        Problem.Validation("Send the webhook as a JSON object.", new Dictionary<string, string[]> { [""] = ["Expected an object."] });

    private static void CheckUrl(Dictionary<string, string[]> errors, string url)
    {
        if (url.Length > MaxUrlLength)
        {
            errors["url"] = [$"At most {MaxUrlLength} characters."];
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors["url"] = ["An absolute http or https URL."];
        }
    }

    private static void CheckEvents(Dictionary<string, string[]> errors, IReadOnlyList<string> events)
    {
        var unknown = events.Where(e => !WebhookEvents.Subscribable.Contains(e)).ToList();
        if (events.Count == 0)
        {
            errors["events"] = [$"At least one of {string.Join(", ", WebhookEvents.Subscribable)}."];
        }
        else if (unknown.Count > 0)
        {
            errors["events"] = [$"Unknown events: {string.Join(", ", unknown)}. Known: {string.Join(", ", WebhookEvents.Subscribable)}."];
        }
    }

    private static void CheckDescription(Dictionary<string, string[]> errors, string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }
    }
}
