using Actors.Jobs;
using Actors.Observability;
using Actors.Silo.Logging;

namespace Actors.Silo;

/// <summary>
/// Reads every Actors settings section once at start-up, before anything runs, and stops the node
/// with one message naming each wrong setting: a value that does not convert (<c>Actors:Jobs:Timeout=ten</c>),
/// one out of range, or a secrets key that is not 32 bytes in base64. Without it such a value failed
/// at first use (the key at the first webhook secret sealed, hours later) or silently kept its default.
/// </summary>
public static class SettingsCheck
{
    /// <summary>The sections every node binds (the API adds its own).</summary>
    public static readonly IReadOnlyList<(string Section, Type Type)> NodeSections =
    [
        (ClusterSettings.Section, typeof(ClusterSettings)),
        (SiloEndpointOptions.Section, typeof(SiloEndpointOptions)),
        (SiloManagement.Section, typeof(SiloManagement)),
        (JobOptions.Section, typeof(JobOptions)),
        (QueueOptions.Section, typeof(QueueOptions)),
        (Actors.Llm.LlmOptions.Section, typeof(Actors.Llm.LlmOptions)),
        (Actors.Conversations.ConversationOptions.Section, typeof(Actors.Conversations.ConversationOptions)),
        (Actors.Tenants.TenantDefaults.Section, typeof(Actors.Tenants.TenantDefaults)),
        (Actors.RateLimits.RateLimitOptions.Section, typeof(Actors.RateLimits.RateLimitOptions)),
        (Actors.Webhooks.WebhookOptions.Section, typeof(Actors.Webhooks.WebhookOptions)),
        (Actors.Audit.AuditOptions.Section, typeof(Actors.Audit.AuditOptions)),
        (TelemetrySettings.Section, typeof(TelemetrySettings)),
    ];

    /// <summary>Throws one <see cref="InvalidOperationException"/> listing every problem, or returns.</summary>
    /// <param name="more">The node kind's own sections, bound the same way.</param>
    /// <param name="moreRanges">The node kind's own range checks, named in the same message.</param>
    public static void ThrowIfInvalid(IConfiguration configuration, IEnumerable<(string Section, Type Type)>? more = null,
        Func<IConfiguration, IEnumerable<string>>? moreRanges = null)
    {
        var problems = Problems(configuration, more, moreRanges).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Actors cannot start: {problems.Count} setting(s) are wrong.{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    public static IEnumerable<string> Problems(IConfiguration configuration, IEnumerable<(string Section, Type Type)>? more = null,
        Func<IConfiguration, IEnumerable<string>>? moreRanges = null)
    {
        foreach (var (section, type) in NodeSections.Concat(more ?? []))
        {
            string? problem = null;
            try
            {
                configuration.GetSection(section).Get(type);
            }
            catch (InvalidOperationException ex)
            {
                // The binder names the key and the type: "Failed to convert configuration value at 'Actors:Jobs:Timeout' to type 'System.TimeSpan'."
                problem = ex.Message + (ex.InnerException is { } inner ? " " + inner.Message : "");
            }
            if (problem is not null)
            {
                yield return problem;
            }
        }
        foreach (var problem in Ranges(configuration))
        {
            yield return problem;
        }
        if (moreRanges is not null)
        {
            foreach (var problem in moreRanges(configuration))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> Ranges(IConfiguration configuration)
    {
        if (configuration["Actors:Secrets:Key"] is { Length: > 0 } key && !IsKey(key))
        {
            yield return "Actors:Secrets:Key is not 32 bytes in base64; make one with `openssl rand -base64 32` (the same on every node).";
        }
        if (Bound<JobOptions>(configuration, JobOptions.Section) is { } jobs)
        {
            if (jobs.Timeout <= TimeSpan.Zero)
            {
                yield return $"Actors:Jobs:Timeout must be positive (it is {jobs.Timeout}); the default is 00:10:00.";
            }
            if (jobs.MaxAttempts < 1)
            {
                yield return $"Actors:Jobs:MaxAttempts must be at least 1 (it is {jobs.MaxAttempts}).";
            }
            if (jobs.WatchdogPeriod < TimeSpan.FromMinutes(1))
            {
                yield return $"Actors:Jobs:WatchdogPeriod must be at least 00:01:00, Orleans's shortest reminder period (it is {jobs.WatchdogPeriod}).";
            }
        }
        if (Bound<QueueOptions>(configuration, QueueOptions.Section) is { DefaultConcurrency: < 1 } queue)
        {
            yield return $"Actors:Queue:DefaultConcurrency must be at least 1 (it is {queue.DefaultConcurrency}).";
        }
        if (Bound<TelemetrySettings>(configuration, TelemetrySettings.Section) is { } telemetry)
        {
            if (telemetry.OtlpEndpoint is { Length: > 0 } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            {
                yield return $"Actors:Telemetry:OtlpEndpoint '{endpoint}' is not an absolute URL such as http://collector:4317.";
            }
            if (telemetry.OtlpProtocol.ToLowerInvariant() is not ("grpc" or "http/protobuf"))
            {
                yield return $"Actors:Telemetry:OtlpProtocol is '{telemetry.OtlpProtocol}'; use 'grpc' or 'http/protobuf'.";
            }
            if (telemetry.SiloMetricsPort is < 1 or > 65535)
            {
                yield return $"Actors:Telemetry:SiloMetricsPort {telemetry.SiloMetricsPort} is not a port (1-65535).";
            }
        }
        if (LogFormatProblem(configuration[NodeLogging.FormatSetting]) is { } logFormat)
        {
            yield return logFormat;
        }
    }

    private static string? LogFormatProblem(string? format)
    {
        try
        {
            NodeLogging.FormatterFor(format);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    private static bool IsKey(string text)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == 32;
    }

    /// <summary>The section bound, or null when it does not bind (that problem is reported already).</summary>
    private static T? Bound<T>(IConfiguration configuration, string section) where T : class
    {
        try
        {
            return configuration.GetSection(section).Get<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
