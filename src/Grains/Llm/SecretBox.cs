using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Actors.Llm;

/// <summary>
/// Encrypts secrets at rest with AES-GCM: tenants' provider keys and webhook signing secrets. Each cipher
/// is bound to its owner and purpose (<see cref="SecretOwner"/>, the associated data), so a cipher copied
/// into another tenant's or another secret's place does not open. Keys form a ring: the newest,
/// <c>Actors:Secrets:Key</c> (256 bits, base64), seals every new secret; the keys in
/// <c>Actors:Secrets:RetiredKeys</c> still open what they sealed. Without a configured key one is
/// generated once into <c>.actors/secrets-key</c> at the checkout's root (like the dev API key), which
/// suits the embedded default only: production sets the setting on every node.
/// Ciphers are <c>v2:{key id}:</c> + base64(nonce | tag | ciphertext); those of the first version,
/// <c>v1:</c> + base64(nonce | tag | ciphertext) with no associated data, stay readable with any key of the ring.
/// </summary>
public sealed class SecretBox
{
    public const string Setting = "Actors:Secrets:Key";
    public const string RetiredSetting = "Actors:Secrets:RetiredKeys";
    public static readonly string KeyFile = Path.Combine(".actors", "secrets-key");
    private const string Version1 = "v1:";
    private const string Version2 = "v2:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<KeyRing> _ring;

    public SecretBox(IConfiguration configuration)
    {
        _ring = new Lazy<KeyRing>(() => new KeyRing(
            LoadKey(configuration[Setting]),
            [.. configuration.GetSection(RetiredSetting).GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Decode(v!))]));
    }

    /// <summary>The id of the key new secrets are sealed with (not secret: a digest of the key).</summary>
    public string CurrentKeyId => _ring.Value.Current.Id;

    public string Seal(string plaintext, SecretOwner owner)
    {
        var key = _ring.Value.Current;
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Encrypt(nonce, data, cipher, tag, owner.AssociatedData());
        }
        return $"{Version2}{key.Id}:{Convert.ToBase64String([.. nonce, .. tag, .. cipher])}";
    }

    /// <summary>
    /// A 256-bit key for one <paramref name="purpose"/>, derived from the current secrets key (HKDF-SHA256), so every
    /// node that shares the secrets key derives the same key and no other purpose can open what it protects.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _ring.Value.Current.Bytes, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Whether <paramref name="text"/> is a cipher this box made (rather than a secret stored before sealing began).</summary>
    public static bool IsSealed(string text) =>
        text.StartsWith(Version1, StringComparison.Ordinal) || text.StartsWith(Version2, StringComparison.Ordinal);

    /// <summary>Opens a sealed secret; a plaintext one stored before sealing began is returned as it is.</summary>
    public string OpenOrLegacy(string stored, SecretOwner owner) => IsSealed(stored) ? Open(stored, owner) : stored;

    /// <summary>Opens a cipher of <paramref name="owner"/>; a <see cref="CryptographicException"/> when it is another's, altered, or of an unknown key.</summary>
    public string Open(string sealedText, SecretOwner owner)
    {
        var ring = _ring.Value;
        if (sealedText.StartsWith(Version2, StringComparison.Ordinal))
        {
            var separator = sealedText.IndexOf(':', Version2.Length);
            if (separator < 0)
            {
                throw new CryptographicException("Not a sealed secret.");
            }
            var keyId = sealedText[Version2.Length..separator];
            var key = ring.Find(keyId)
                ?? throw new CryptographicException($"The secret was sealed with key {keyId}, which is neither {Setting} nor one of {RetiredSetting}.");
            return Decrypt(key.Bytes, Convert.FromBase64String(sealedText[(separator + 1)..]), owner.AssociatedData());
        }
        if (sealedText.StartsWith(Version1, StringComparison.Ordinal))
        {
            // The first version names no key and binds no owner: the key that opens it is the one that sealed it.
            var all = Convert.FromBase64String(sealedText[Version1.Length..]);
            foreach (var key in ring.All)
            {
                try
                {
                    return Decrypt(key.Bytes, all, associatedData: []);
                }
                catch (AuthenticationTagMismatchException)
                {
                }
            }
            throw new CryptographicException($"No key of {Setting} or {RetiredSetting} opens this secret.");
        }
        throw new CryptographicException("Not a sealed secret.");
    }

    private static string Decrypt(byte[] key, byte[] all, byte[] associatedData)
    {
        if (all.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Not a sealed secret.");
        }
        var plain = new byte[all.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(all.AsSpan(0, NonceSize), all.AsSpan(NonceSize + TagSize), all.AsSpan(NonceSize, TagSize), plain, associatedData);
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Decode(string configured)
    {
        var key = Convert.FromBase64String(configured.Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException($"{Setting} and {RetiredSetting} must be 32 bytes in base64.");
    }

    private static byte[] LoadKey(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured);
        }
        var path = Path.Combine(CheckoutRoot(), KeyFile);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var fresh = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Convert.ToBase64String(fresh) + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return fresh;
    }

    /// <summary>The folder holding Actors.sln above the working directory, else the working directory.</summary>
    private static string CheckoutRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Actors.sln")))
            {
                return folder.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    private sealed record RingKey(string Id, byte[] Bytes)
    {
        public static RingKey Of(byte[] bytes) =>
            new(Convert.ToHexStringLower(SHA256.HashData([.. "actors-secret-key-id:"u8, .. bytes]).AsSpan(0, 4)), bytes);
    }

    private sealed class KeyRing(byte[] current, IReadOnlyList<byte[]> retired)
    {
        public RingKey Current { get; } = RingKey.Of(current);

        public IReadOnlyList<RingKey> All { get; } = [RingKey.Of(current), .. retired.Select(RingKey.Of)];

        public RingKey? Find(string id) => All.FirstOrDefault(k => k.Id == id);
    }
}
