using System.Security.Cryptography;
using System.Text;

namespace Actors.Api.Auth;

public static class ApiKeyHash
{
    /// <summary>The lowercase hex SHA-256 of a plaintext key: the ApiKey grain's key.</summary>
    public static string Of(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    /// <summary>A key's displayable start, enough to tell keys apart in a list.</summary>
    public static string PrefixOf(string plaintext) => plaintext.Length <= 12 ? plaintext[..Math.Min(4, plaintext.Length)] : plaintext[..12];
}
