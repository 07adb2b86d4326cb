using System.Security.Cryptography;
using System.Text;

namespace Actors.Webhooks;

/// <summary>
/// The two signatures of a delivery. <c>webhook-signature</c> is Standard Webhooks': <c>v1,</c> and the base64
/// HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64-decoded part of the
/// secret after <c>whsec_</c>, so receivers can verify with that specification's libraries.
/// The <c>X-Actors-Signature</c> of a delivery: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of
/// <c>{timestamp}.{body}</c>, keyed with the secret's UTF-8 bytes. The timestamp is signed too, so a
/// receiver that refuses old timestamps cannot be sent a replayed delivery.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";
    public const string StandardVersion = "v1";
    private const string SecretPrefix = "whsec_";

    /// <summary>The <c>webhook-signature</c> header's value.</summary>
    public static string SignStandard(string secret, string webhookId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{webhookId}.{timestamp}.{body}"));
        return $"{StandardVersion},{Convert.ToBase64String(HMACSHA256.HashData(StandardKey(secret), content))}";
    }

    /// <summary>The Standard Webhooks key of a secret: the base64 after the prefix (a secret that is not base64 is keyed by its UTF-8 bytes).</summary>
    public static byte[] StandardKey(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var key = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, key, out var written) ? key[..written] : Encoding.UTF8.GetBytes(secret);
    }

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
