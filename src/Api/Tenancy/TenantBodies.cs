using System.Text.RegularExpressions;
using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>The body of <c>POST /api/v1/tenants</c>.</summary>
public sealed record TenantCreateBody(string? Id, string? Name, string? Status, TenantLimitsBody? Limits, Dictionary<string, string>? Settings);

/// <summary>The body of <c>PATCH /api/v1/tenants/{id}</c>: members left out stay as they are; a setting set to null goes back to the default.</summary>
public sealed record TenantUpdateBody(string? Name, string? Status, TenantLimitsBody? Limits, Dictionary<string, string?>? Settings);

/// <summary>A tenant's limits; a member left out (or null) takes the global default, 0 lifts the limit (not the concurrency).</summary>
public sealed partial record TenantLimitsBody(
    int? MaxConcurrentJobs,
    long? MaxPayloadBytes,
    int? JobsPerMonth,
    int? RecordsPerJob,
    Dictionary<string, int>? RequestsPerMinute)
{
    public const int MaxConcurrency = 1_000;
    private const int MaxSettings = 100;

    public TenantLimits ToLimits() => new(MaxConcurrentJobs, MaxPayloadBytes, JobsPerMonth, RecordsPerJob, RequestsPerMinute);

    public void Validate(Dictionary<string, string[]> errors)
    {
        if (MaxConcurrentJobs is < 1 or > MaxConcurrency)
        {
            errors["limits.max_concurrent_jobs"] = [$"From 1 to {MaxConcurrency}."];
        }
        if (MaxPayloadBytes is < 0)
        {
            errors["limits.max_payload_bytes"] = ["0 (no tenant limit) or more."];
        }
        if (JobsPerMonth is < 0)
        {
            errors["limits.jobs_per_month"] = ["0 (no limit) or more."];
        }
        if (RecordsPerJob is < 0)
        {
            errors["limits.records_per_job"] = ["0 (no limit) or more."];
        }
        foreach (var (policy, perMinute) in RequestsPerMinute ?? [])
        {
            if (!PolicyName().IsMatch(policy) || perMinute < 0)
            {
                errors[$"limits.requests_per_minute.{policy}"] = ["A policy name (submit, read, admin) and 0 (no limit) or more requests a minute."];
            }
        }
    }

    public static void ValidateSettings<TValue>(Dictionary<string, TValue>? settings, Dictionary<string, string[]> errors)
    {
        if (settings is null)
        {
            return;
        }
        if (settings.Count > MaxSettings)
        {
            errors["settings"] = [$"At most {MaxSettings} settings."];
        }
        foreach (var (name, value) in settings)
        {
            if (!PolicyName().IsMatch(name) || value is string { Length: > 1_000 })
            {
                errors[$"settings.{name}"] = ["A name of 1 to 32 characters of a-z, 0-9 and _, and a value of at most 1000 characters."];
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyName();
}
