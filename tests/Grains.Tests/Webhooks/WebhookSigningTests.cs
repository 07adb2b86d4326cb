using System.Security.Cryptography;
using System.Text;
using Actors.Webhooks;

namespace Actors.Grains.Tests.Webhooks;

public sealed class WebhookSigningTests
{
    [Fact]
    public void The_signature_is_the_hex_hmac_of_timestamp_dot_body_keyed_with_the_secret()
    {
        const string secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        const string body = """{"id":"dlv_1","event":"analysis.completed"}""";

        var signature = WebhookSignature.Sign(secret, 1_700_000_000, body);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("1700000000." + body)));
        Assert.Equal("sha256=" + expected, signature);
        Assert.True(WebhookSignature.Verify(secret, 1_700_000_000, body, signature));
        Assert.False(WebhookSignature.Verify(secret, 1_700_000_001, body, signature), "the timestamp is signed");
        Assert.False(WebhookSignature.Verify(secret, 1_700_000_000, body + " ", signature), "the body is signed");
    }

    [Fact]
    public void The_standard_signature_is_keyed_with_the_base64_after_the_prefix_even_for_a_hex_secret()
    {
        // A secret made before secrets were base64: 64 hex digits are valid base64 too, so receivers' libraries read them.
        const string legacy = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var current = WebhookSecrets.New();
        const string body = """{"id":"dlv_1"}""";

        foreach (var secret in new[] { legacy, current })
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("dlv_1.1700000000." + body)));
            Assert.Equal(expected, WebhookSignature.SignStandard(secret, "dlv_1", 1_700_000_000, body));
        }
        Assert.Equal(48, WebhookSignature.StandardKey(legacy).Length);
    }

    [Fact]
    public void Secrets_carry_256_random_bits()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => WebhookSecrets.New()).ToList();

        // Standard Webhooks' form: whsec_ and the base64 of the key (32 bytes).
        Assert.All(secrets, s => Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", s));
        Assert.All(secrets, s => Assert.Equal(32, Convert.FromBase64String(s["whsec_".Length..]).Length));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void The_backoff_doubles_from_the_base_delay_up_to_its_cap()
    {
        var options = new WebhookOptions { RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromSeconds(60) };

        Assert.Equal([10, 20, 40, 60, 60], Enumerable.Range(1, 5).Select(n => options.BackoffAfter(n).TotalSeconds));
    }

    [Fact]
    public void A_delivery_id_is_the_same_for_the_same_key_and_differs_between_keys()
    {
        var key = DeliveryKey.For("acme", "wh_0123456789abcdef01234567", "job_1", WebhookEvents.AnalysisCompleted);

        Assert.Equal(DeliveryKey.IdOf(key), DeliveryKey.IdOf(key));
        Assert.NotEqual(DeliveryKey.IdOf(key), DeliveryKey.IdOf(DeliveryKey.For("acme", DeliveryKey.Callback, "job_1", WebhookEvents.AnalysisCompleted)));
        Assert.Equal(("acme", "wh_0123456789abcdef01234567", "job_1", "analysis.completed"), DeliveryKey.Parse(key));
    }
}
