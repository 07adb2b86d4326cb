using Actors.Api.Problems;
using Actors.Tenants;

namespace Actors.Api.Tenancy;

/// <summary>The jobs-per-month quota at submission: counted before the job is created, handed back when the submission was a retry of an existing job.</summary>
public static class TenantQuotas
{
    /// <summary>Counts one job against the tenant's month; a 429 <c>quota_jobs_per_month</c> problem when the quota is used up.</summary>
    public static Task<IResult?> CountJobAsync(HttpContext http, IClusterClient cluster, TenantPolicy tenant, TimeProvider time) =>
        CountJobsAsync(http, cluster, tenant, time, 1);

    /// <summary>Counts a batch's <paramref name="count"/> items, all or none: the same problem when they would pass the quota.</summary>
    public static async Task<IResult?> CountJobsAsync(HttpContext http, IClusterClient cluster, TenantPolicy tenant, TimeProvider time, int count)
    {
        var now = time.GetUtcNow();
        var usage = cluster.GetGrain<ITenantUsage>(ITenantUsage.KeyFor(tenant.TenantId, now));
        var (counted, submitted) = count == 1 ? await usage.TryCountJob(tenant.Limits.JobsPerMonth) : await usage.TryCountJobs(count, tenant.Limits.JobsPerMonth);
        if (counted)
        {
            return null;
        }
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var nextMonth = monthStart.AddMonths(1);
        http.Response.Headers.RetryAfter = ((long)Math.Ceiling((nextMonth - now).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.QuotaJobsPerMonth, "Monthly job quota used up",
            $"This tenant may submit {tenant.Limits.JobsPerMonth} jobs a month and has submitted {submitted} in {now.UtcDateTime:yyyy-MM}" +
            (count == 1 ? "" : $", so {count} more do not fit") + $"; the quota renews on {nextMonth:yyyy-MM-dd} (UTC).",
            new Dictionary<string, object?> { ["quota"] = "jobs_per_month", ["limit"] = tenant.Limits.JobsPerMonth, ["used"] = submitted });
    }

    /// <summary>
    /// A 429 <c>queue_full</c> problem when the tenant already has <see cref="Actors.Jobs.QueueOptions.MaxQueuedJobs"/>
    /// jobs waiting (or, for a batch, would have with its <paramref name="adding"/> items). Read from the queue before the job
    /// exists, so concurrent submissions may pass the limit by the few in flight.
    /// </summary>
    public static async Task<IResult?> RefuseWhenQueueFullAsync(HttpContext http, IClusterClient cluster, string tenantId, Actors.Jobs.QueueOptions queue, int adding = 1)
    {
        if (queue.MaxQueuedJobs <= 0)
        {
            return null;
        }
        var stats = await cluster.GetGrain<Actors.Jobs.ITenantQueue>(tenantId).GetStats();
        var waiting = stats.High + stats.Normal + stats.Low;
        if (waiting + adding <= queue.MaxQueuedJobs)
        {
            return null;
        }
        var retryAfter = (long)Math.Ceiling(queue.QueueFullRetryAfter.TotalSeconds);
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.QueueFull, "Queue full",
            (adding == 1
                ? $"This tenant has {waiting} jobs waiting for a run slot, the most its queue holds ({queue.MaxQueuedJobs}); "
                : $"This tenant has {waiting} jobs waiting for a run slot, and {adding} more would pass the most its queue holds ({queue.MaxQueuedJobs}); ")
            + $"retry in {retryAfter} s, once some have started.",
            new Dictionary<string, object?> { ["limit"] = queue.MaxQueuedJobs, ["queued"] = waiting, ["retry_after"] = retryAfter });
    }

    /// <summary>Hands a count back: the submission found an existing job (an idempotent retry).</summary>
    public static Task UncountJobAsync(IClusterClient cluster, string tenantId, TimeProvider time) =>
        cluster.GetGrain<ITenantUsage>(ITenantUsage.KeyFor(tenantId, time.GetUtcNow())).Uncount();

    public static Task UncountJobsAsync(IClusterClient cluster, string tenantId, TimeProvider time, int count) =>
        cluster.GetGrain<ITenantUsage>(ITenantUsage.KeyFor(tenantId, time.GetUtcNow())).UncountJobs(count);
}
