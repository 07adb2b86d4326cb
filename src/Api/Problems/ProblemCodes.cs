namespace Actors.Api.Problems;

/// <summary>Every problem <c>code</c> the API answers with. docs/errors.md lists them for users.</summary>
public static class ProblemCodes
{
    public const string InvalidJson = "invalid_json";
    public const string ValidationFailed = "validation_failed";
    public const string UnsupportedType = "unsupported_type";
    public const string InvalidData = "invalid_data";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string InvalidTeam = "invalid_team";
    public const string LimitReached = "limit_reached";
    public const string TargetNotAllowed = "target_not_allowed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string ResultNotReady = "result_not_ready";
    public const string ResultExpired = "result_expired";
    public const string JobFailed = "job_failed";
    public const string JobCancelled = "job_cancelled";
    public const string JobRejected = "job_rejected";
    public const string NotAwaitingApproval = "not_awaiting_approval";
    public const string BadRequest = "bad_request";
    public const string RateLimited = "rate_limited";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";

    // Hostile input (docs/security.md#input-limits).
    public const string InvalidId = "invalid_id";
    public const string InvalidEncoding = "invalid_encoding";
    public const string UnsupportedEncoding = "unsupported_encoding";
    public const string JsonTooDeep = "json_too_deep";
    public const string StringTooLong = "string_too_long";
    public const string TooManyRecords = "too_many_records";
    public const string TooManyColumns = "too_many_columns";
    public const string TooManyCells = "too_many_cells";
    public const string CellTooLong = "cell_too_long";
    public const string DataTooLarge = "data_too_large";
    // Tenancy: tenants, keys and quotas.
    public const string TenantSuspended = "tenant_suspended";
    public const string TenantExists = "tenant_exists";
    public const string KeyNotActive = "key_not_active";
    public const string QuotaJobsPerMonth = "quota_jobs_per_month";
    public const string QuotaRecordsPerJob = "quota_records_per_job";
    // Exhaustion: open streams and queued jobs (docs/security.md#exhaustion).
    public const string TooManyStreams = "too_many_streams";
    public const string QueueFull = "queue_full";
    // Conversations.
    public const string UnknownJob = "unknown_job";
    // Webhooks.
    public const string NotRedeliverable = "not_redeliverable";
    // The web console.
    public const string CsrfTokenInvalid = "csrf_token_invalid";

    /// <summary>The code for a problem that was raised without one (framework 404s, 405s, unhandled errors).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => ValidationFailed,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        _ => status >= 500 ? InternalError : BadRequest,
    };
}
