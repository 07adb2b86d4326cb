using System.Security.Cryptography;

namespace Actors.Webhooks;

/// <summary>Signing secrets: 256 random bits, hex, with a prefix that says what they are when one leaks into a log or a paste.</summary>
public static class WebhookSecrets
{
    public static string New() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Webhook ids: 96 random bits, so one tenant cannot guess another's.</summary>
    public static string NewWebhookId() => "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Ids outside this shape are answered 404 without touching a grain.</summary>
    public static bool IsWebhookId(string id) =>
        id.Length == 27 && id.StartsWith("wh_", StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept("0123456789abcdef");
}
