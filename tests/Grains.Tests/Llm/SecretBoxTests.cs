using System.Security.Cryptography;
using Actors.Llm;
using Microsoft.Extensions.Configuration;

namespace Actors.Grains.Tests.Llm;

/// <summary>
/// Sealing at rest: a cipher opens only for the owner and purpose it was sealed for, new secrets use the
/// newest key of the ring while older keys still open theirs, and ciphers of the first version (no owner,
/// no key id) stored before this change stay readable.
/// </summary>
public sealed class SecretBoxTests
{
    // A cipher in the first version's layout (v1: base64(nonce | tag | ciphertext), no associated data), made with LegacyKey.
    private const string LegacyKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string LegacyCipher = "v1:BwcHBwcHBwcHBwcHZU6x6nHVDTfeRQBwSg/1GHwBizAKaLaXv7Bj8u8nnf/ELqAY7Y4=";
    private const string LegacyPlaintext = "sk-legacy-provider-key";

    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SecretBox Box(string current, params string[] retired)
    {
        var settings = new Dictionary<string, string?> { [SecretBox.Setting] = current };
        for (var i = 0; i < retired.Length; i++)
        {
            settings[$"{SecretBox.RetiredSetting}:{i}"] = retired[i];
        }
        return new SecretBox(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    [Fact]
    public void A_secret_opens_for_its_owner_and_purpose_only()
    {
        var box = Box(KeyA);
        var sealedKey = box.Seal("sk-tenant-a", SecretOwner.ProviderKey("tenant-a", "openai"));

        Assert.Equal("sk-tenant-a", box.Open(sealedKey, SecretOwner.ProviderKey("tenant-a", "openai")));
        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedKey, SecretOwner.ProviderKey("tenant-b", "openai")));
        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedKey, SecretOwner.ProviderKey("tenant-a", "other")));
        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedKey, SecretOwner.Webhook("tenant-a", "openai")));
        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedKey, SecretOwner.Callback("tenant-a/openai")));
    }

    [Fact]
    public void New_secrets_use_the_newest_key_and_a_retired_key_still_opens_what_it_sealed()
    {
        var before = Box(KeyA);
        var owner = SecretOwner.Webhook("tenant-a", "wh_1");
        var old = before.Seal("whsec_old", owner);

        var rotated = Box(KeyB, KeyA);
        var fresh = rotated.Seal("whsec_new", owner);

        Assert.StartsWith($"v2:{before.CurrentKeyId}:", old);
        Assert.StartsWith($"v2:{rotated.CurrentKeyId}:", fresh);
        Assert.NotEqual(before.CurrentKeyId, rotated.CurrentKeyId);
        Assert.Equal("whsec_old", rotated.Open(old, owner));
        Assert.Equal("whsec_new", rotated.Open(fresh, owner));
        var dropped = Assert.ThrowsAny<CryptographicException>(() => Box(KeyB).Open(old, owner));
        Assert.Contains(before.CurrentKeyId, dropped.Message);
    }

    [Fact]
    public void A_cipher_of_the_first_version_still_opens_with_the_current_or_a_retired_key()
    {
        var owner = SecretOwner.ProviderKey("any-tenant", "any-entry");

        Assert.Equal(LegacyPlaintext, Box(LegacyKey).Open(LegacyCipher, owner));
        Assert.Equal(LegacyPlaintext, Box(KeyA, LegacyKey).OpenOrLegacy(LegacyCipher, owner));
        Assert.ThrowsAny<CryptographicException>(() => Box(KeyA).Open(LegacyCipher, owner));
    }

    [Fact]
    public void An_altered_cipher_does_not_open()
    {
        var box = Box(KeyA);
        var owner = SecretOwner.Callback("tenant-a");
        var cipher = box.Seal("whsec_callback", owner);
        var bytes = Convert.FromBase64String(cipher[(cipher.LastIndexOf(':') + 1)..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => box.Open($"{cipher[..(cipher.LastIndexOf(':') + 1)]}{Convert.ToBase64String(bytes)}", owner));
    }

    [Fact]
    public void A_secret_stored_before_sealing_began_is_returned_as_it_is()
    {
        Assert.Equal("whsec_plain", Box(KeyA).OpenOrLegacy("whsec_plain", SecretOwner.Callback("tenant-a")));
    }
}
