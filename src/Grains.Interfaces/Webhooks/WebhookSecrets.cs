using System.Security.Cryptography;

namespace Actors.Webhooks;

/// <summary>
/// Signing secrets: <c>whsec_</c> and the base64 of 256 random bits, the Standard Webhooks form (its libraries
/// base64-decode what follows the prefix to get the HMAC key). The prefix says what a secret is when one leaks
/// into a log or a paste. Secrets made before were <c>whsec_</c> and 64 hex digits, which is also valid base64,
/// so they keep working for both signatures.
/// </summary>
public static class WebhookSecrets
{
    public static string New() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Webhook ids: 96 random bits, so one tenant cannot guess another's.</summary>
    public static string NewWebhookId() => "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Ids outside this shape are answered 404 without touching a grain.</summary>
    public static bool IsWebhookId(string id) =>
        id.Length == 27 && id.StartsWith("wh_", StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept("0123456789abcdef");
}
