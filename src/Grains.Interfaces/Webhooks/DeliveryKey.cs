using System.Security.Cryptography;
using System.Text;
using Actors.Jobs;

namespace Actors.Webhooks;

/// <summary>
/// Keys of the delivery grains: <c>{tenantId}/{target}/{subject}/{event}</c>, where the target is a
/// webhook id or <see cref="Callback"/> and the subject a job id (or a test id). None of the parts has a '/'.
/// </summary>
public static class DeliveryKey
{
    /// <summary>The target of deliveries to a job's <c>callback_url</c>; also the key of their log.</summary>
    public const string Callback = "callback";

    public static string For(string tenantId, string target, string subject, string eventName)
    {
        foreach (var (name, part) in new[] { ("tenantId", tenantId), ("target", target), ("subject", subject), ("eventName", eventName) })
        {
            if (string.IsNullOrEmpty(part) || part.Contains('/'))
            {
                throw new ArgumentException("A delivery key part is non-empty and has no '/'.", name);
            }
        }
        return $"{tenantId}/{target}/{subject}/{eventName}";
    }

    public static (string TenantId, string Target, string Subject, string Event) Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 4 || parts.Any(p => p.Length == 0))
        {
            throw new ArgumentException($"'{key}' is not a delivery key.", nameof(key));
        }
        return (parts[0], parts[1], parts[2], parts[3]);
    }

    /// <summary>The key of a target's delivery log: <c>{tenantId}/{webhookId or "callback"}</c>.</summary>
    public static string LogFor(string tenantId, string target) => JobKey.For(tenantId, target);

    /// <summary>The delivery id (<c>X-Actors-Delivery</c>): derived from the key, so it is the same on every attempt and every activation.</summary>
    public static string IdOf(string key) =>
        "dlv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}
