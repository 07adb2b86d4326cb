using System.Security.Cryptography;
using System.Text;

namespace Actors.Webhooks;

/// <summary>
/// The <c>X-Actors-Signature</c> of a delivery: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of
/// <c>{timestamp}.{body}</c>, keyed with the secret's UTF-8 bytes. The timestamp is signed too, so a
/// receiver that refuses old timestamps cannot be sent a replayed delivery.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
