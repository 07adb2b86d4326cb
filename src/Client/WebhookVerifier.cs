using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Client;

/// <summary>
/// Checks that a webhook delivery comes from Actors, by the Standard Webhooks headers: <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (unix seconds) and <c>webhook-signature</c> (space-separated <c>v1,&lt;base64&gt;</c>
/// entries), where the signature is the HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> keyed with the base64-decoded
/// part of the secret after <c>whsec_</c>. Verify the raw body bytes as received, before parsing them.
/// </summary>
public sealed class WebhookVerifier
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <param name="secret">The webhook's (or the callback) secret, <c>whsec_…</c>, as the API answered it.</param>
    /// <param name="tolerance">How far the timestamp may be from now (default 5 minutes): older deliveries are refused as replays.</param>
    /// <param name="time">The clock (tests replace it).</param>
    public WebhookVerifier(string secret, TimeSpan? tolerance = null, TimeProvider? time = null)
    {
        _key = KeyOf(secret);
        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan Tolerance { get; }

    /// <summary>The HMAC key of a secret: the base64 after <c>whsec_</c>.</summary>
    public static byte[] KeyOf(string secret)
    {
        const string prefix = "whsec_";
        var encoded = secret.StartsWith(prefix, StringComparison.Ordinal) ? secret[prefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }

    /// <summary>True when one of the signatures matches and the timestamp is within <see cref="Tolerance"/>.</summary>
    public bool Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookSignature)
            || !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > Tolerance)
        {
            return false;
        }
        var expected = Sign(webhookId, seconds, body);
        Span<byte> given = stackalloc byte[64];
        foreach (var entry in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma <= 0 || entry[..comma] != "v1")
            {
                continue;
            }
            if (Convert.TryFromBase64String(entry[(comma + 1)..], given, out var written)
                && CryptographicOperations.FixedTimeEquals(given[..written], expected))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary><see cref="Verify(string?, string?, string?, ReadOnlySpan{byte})"/> for a body held as text (UTF-8 on the wire).</summary>
    public bool Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body) =>
        Verify(webhookId, webhookTimestamp, webhookSignature, Encoding.UTF8.GetBytes(body));

    /// <summary>Reads the three headers from <paramref name="headers"/> (any case) and verifies.</summary>
    public bool Verify(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, ReadOnlySpan<byte> body)
    {
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return Verify(Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), body);
    }

    private byte[] Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{webhookId}.{timestamp}."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
