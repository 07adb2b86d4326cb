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
    private readonly RecentReads<TimeSpan> _seen = new(TimeSpan.FromMinutes(1), time);

    public Task<TimeSpan> ForAsync(string tenantId) => _seen.GetAsync(tenantId, async () =>
    {
        var policy = await grains.GetGrain<Actors.Tenants.ITenant>(tenantId).GetPolicy();
        return Parse(policy.Settings.GetValueOrDefault(Setting)) ?? options.Value.Retention;
    });

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
