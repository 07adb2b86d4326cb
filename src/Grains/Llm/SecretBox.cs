using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Actors.Llm;

/// <summary>
/// Encrypts secrets at rest with AES-GCM: tenants' provider keys and webhook signing secrets. The 256-bit key is <c>Actors:Secrets:Key</c>
/// (base64); without it a key is generated once into <c>.actors/secrets-key</c> at the checkout's root
/// (like the dev API key), which suits the embedded default only: production sets the setting on
/// every node. Ciphers are <c>v1:</c> + base64(nonce | tag | ciphertext).
/// </summary>
public sealed class SecretBox
{
    public const string Setting = "Actors:Secrets:Key";
    public static readonly string KeyFile = Path.Combine(".actors", "secrets-key");
    private const string Version = "v1:";

    private readonly Lazy<byte[]> _key;

    public SecretBox(IConfiguration configuration)
    {
        _key = new Lazy<byte[]>(() => LoadKey(configuration[Setting]));
    }

    public string Seal(string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(_key.Value, tag.Length))
        {
            aes.Encrypt(nonce, data, cipher, tag);
        }
        return Version + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>
    /// A 256-bit key for one <paramref name="purpose"/>, derived from the secrets key (HKDF-SHA256), so every
    /// node that shares the secrets key derives the same key and no other purpose can open what it protects.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key.Value, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Whether <paramref name="text"/> is a cipher this box made (rather than a secret stored before sealing began).</summary>
    public static bool IsSealed(string text) => text.StartsWith(Version, StringComparison.Ordinal);

    /// <summary>Opens a sealed secret; a plaintext one stored before sealing began is returned as it is.</summary>
    public string OpenOrLegacy(string stored) => IsSealed(stored) ? Open(stored) : stored;

    public string Open(string sealedText)
    {
        if (!sealedText.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Not a sealed secret.");
        }
        var all = Convert.FromBase64String(sealedText[Version.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[all.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(_key.Value, tagSize))
        {
            aes.Decrypt(all.AsSpan(0, nonceSize), all.AsSpan(nonceSize + tagSize), all.AsSpan(nonceSize, tagSize), plain);
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] LoadKey(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured.Trim());
            return key.Length == 32 ? key : throw new InvalidOperationException($"{Setting} must be 32 bytes in base64.");
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
}
