using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Actors.Silo;

namespace Actors.Production.Tests.Configuration;

/// <summary>The certificate files docs/security.md tells operators to make: a private authority and a node certificate in PEM.</summary>
public sealed class ClusterTlsSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actors-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A node certificate issued by <paramref name="authority"/>, written as node.pem and node.key.</summary>
    private (string Certificate, string Key) Node(X509Certificate2 authority)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=actors-node", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var node = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
        var certificate = Path.Combine(_folder, "node.pem");
        var keyFile = Path.Combine(_folder, "node.key");
        File.WriteAllText(certificate, node.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificate, keyFile);
    }

    [Fact]
    public void A_PEM_node_certificate_loads_with_its_key_and_is_trusted_through_the_authority_file_only()
    {
        using var authority = Authority("Actors cluster CA");
        using var stranger = Authority("Someone else's CA");
        var (certificate, key) = Node(authority);
        var authorityPath = Path.Combine(_folder, "ca.pem");
        File.WriteAllText(authorityPath, authority.ExportCertificatePem());
        var tls = new ClusterTls { CertificatePath = certificate, KeyPath = key, AuthorityPath = authorityPath };

        using var loaded = tls.LoadCertificate();
        using var trusted = tls.LoadAuthority(loaded);

        Assert.True(loaded.HasPrivateKey);
        Assert.True(ClusterTls.IsIssuedBy(loaded, trusted));
        Assert.False(ClusterTls.IsIssuedBy(loaded, stranger));
    }
}
