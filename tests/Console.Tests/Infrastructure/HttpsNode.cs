using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace Actors.Console.Tests.Infrastructure;

/// <summary>
/// A node that listens on HTTPS only, with a self-signed certificate for 127.0.0.1 made here (nothing is
/// read from disk or downloaded). Clients trust exactly this certificate and no other.
/// </summary>
public sealed class HttpsNode : IAsyncLifetime
{
    private TestNode? _node;

    public string DemoKey { get; } = TestNode.NewKey();

    public X509Certificate2 Certificate { get; } = SelfSigned();

    public Uri BaseAddress => _node!.BaseAddress;

    /// <summary>base64 of the SHA-256 of the certificate's public key, the form Chromium's <c>--ignore-certificate-errors-spki-list</c> takes.</summary>
    public string PublicKeyPin => Convert.ToBase64String(SHA256.HashData(Certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            "--urls=https://127.0.0.1:0",
            $"--ACTORS_DEV_API_KEY={DemoKey}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ], builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = Certificate)));
        Assert.Equal(Uri.UriSchemeHttps, _node.BaseAddress.Scheme);
    }

    /// <summary>A cookie jar over HTTPS that follows no redirects and accepts only this node's certificate.</summary>
    public HttpClient CookieClient() => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString(),
        },
    }) { BaseAddress = BaseAddress };

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is a persisted one TLS can use on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        Certificate.Dispose();
    }
}
