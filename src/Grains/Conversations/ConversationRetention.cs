using System.Collections.Concurrent;
using System.Globalization;

namespace Actors.Conversations;

/// <summary>
/// How long a tenant's conversations are kept: the tenant's <c>conversation_retention</c> setting
/// (whole days, e.g. <c>7</c>, or a time span, e.g. <c>12:00:00</c>) over
/// <see cref="ConversationOptions.Retention"/>. Read-mostly, so each silo keeps a tenant's value for a
/// minute rather than asking the tenant's grain whenever a conversation is touched.
/// </summary>
public sealed class ConversationRetention(IGrainFactory grains, IOptions<ConversationOptions> options, TimeProvider time)
{
    public const string Setting = "conversation_retention";
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (TimeSpan Retention, DateTimeOffset ReadAt)> _seen = new(StringComparer.Ordinal);

    public async Task<TimeSpan> ForAsync(string tenantId)
    {
        var now = time.GetUtcNow();
        if (_seen.TryGetValue(tenantId, out var seen) && seen.ReadAt + Freshness > now)
        {
            return seen.Retention;
        }
        var policy = await grains.GetGrain<Actors.Tenants.ITenant>(tenantId).GetPolicy();
        var retention = Parse(policy.Settings.GetValueOrDefault(Setting)) ?? options.Value.Retention;
        _seen[tenantId] = (retention, now);
        return retention;
    }

    /// <summary>Whole days or a time span; anything else (or not positive) is ignored in favour of the default.</summary>
    public static TimeSpan? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days))
        {
            return days > 0 ? TimeSpan.FromDays(days) : null;
        }
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }
}
