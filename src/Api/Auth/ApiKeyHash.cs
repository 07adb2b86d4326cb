using System.Security.Cryptography;
using System.Text;

namespace Actors.Api.Auth;

public static class ApiKeyHash
{
    public const string LivePrefix = "ak_live_";
    public const string TestPrefix = "ak_test_";

    /// <summary>The lowercase hex SHA-256 of a plaintext key: the ApiKey grain's key.</summary>
    public static string Of(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    /// <summary>
    /// A key's displayable start, enough to tell keys apart in a list: 12 characters of an issued key
    /// (its <c>ak_live_</c> and 4 random ones), never more than a quarter of a shorter custom key.
    /// </summary>
    public static string PrefixOf(string plaintext) => plaintext[..Math.Min(12, plaintext.Length / 4)];

    /// <summary>A new plaintext key: <c>ak_live_</c> or <c>ak_test_</c> and 256 random bits (base64url, 43 characters).</summary>
    public static string NewPlaintext(bool test) =>
        (test ? TestPrefix : LivePrefix) + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
