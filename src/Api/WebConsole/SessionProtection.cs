using System.Security.Cryptography;
using Actors.Llm;
using Microsoft.AspNetCore.DataProtection;

namespace Actors.Api.WebConsole;

/// <summary>
/// The node's data protection (console session cookies and anti-forgery tokens): AES-GCM under a key derived
/// from <c>Actors:Secrets:Key</c> per purpose. Every node that shares the secrets key (production requires
/// it) opens every node's cookies, with no key ring to store or share, and a restart keeps sessions valid.
/// </summary>
public sealed class SessionProtection(SecretBox secrets) : IDataProtectionProvider
{
    private const string Root = "actors-data-protection";

    public IDataProtector CreateProtector(string purpose) => new Protector(secrets, $"{Root}/{purpose}");

    private sealed class Protector(SecretBox secrets, string purposes) : IDataProtector
    {
        private const int NonceSize = 12;
        private const int TagSize = 16;

        private readonly Lazy<byte[]> _key = new(() => secrets.DeriveKey(purposes));

        public IDataProtector CreateProtector(string purpose) => new Protector(secrets, $"{purposes}/{purpose}");

        public byte[] Protect(byte[] plaintext)
        {
            var sealedData = new byte[NonceSize + TagSize + plaintext.Length];
            var nonce = sealedData.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(_key.Value, TagSize);
            aes.Encrypt(nonce, plaintext, sealedData.AsSpan(NonceSize + TagSize), sealedData.AsSpan(NonceSize, TagSize));
            return sealedData;
        }

        public byte[] Unprotect(byte[] protectedData)
        {
            if (protectedData.Length < NonceSize + TagSize)
            {
                throw new CryptographicException("The protected payload is too short.");
            }
            var plaintext = new byte[protectedData.Length - NonceSize - TagSize];
            using var aes = new AesGcm(_key.Value, TagSize);
            aes.Decrypt(protectedData.AsSpan(0, NonceSize), protectedData.AsSpan(NonceSize + TagSize),
                protectedData.AsSpan(NonceSize, TagSize), plaintext);
            return plaintext;
        }
    }
}
