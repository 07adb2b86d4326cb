using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Actors.Silo;

/// <summary>
/// Mutual TLS on the cluster's own ports (silo to silo, API client to gateway), through Orleans's TLS
/// package. Bound from <c>Actors:Cluster:Tls</c>; required in production unless <see cref="Enabled"/>
/// is set to false. Every node presents a certificate issued by the cluster's authority and accepts
/// only peers whose certificate chains to it: anything that reaches a port without such a
/// certificate cannot call a grain (and so cannot, say, mint API keys).
/// </summary>
public sealed class ClusterTls
{
    public const string Section = ClusterSettings.Section + ":Tls";

    /// <summary>Off only by an explicit <c>false</c>, for a network the operator already secures (one process, a service mesh).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This node's certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with <see cref="CertificatePassword"/>) or a PEM file (with <see cref="KeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The PEM certificate of the authority that issued every node's certificate. Unset: the node's own
    /// certificate is the authority (one self-signed certificate shared by every node).
    /// </summary>
    public string? AuthorityPath { get; set; }

    public static ClusterTls From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClusterTls>() ?? new ClusterTls();

    /// <summary>What is missing, for <see cref="ClusterSettings.ValidateForProduction"/>; null when nothing is.</summary>
    public string? Problem() => Enabled && string.IsNullOrWhiteSpace(CertificatePath)
        ? $"{Section}:CertificatePath (env Actors__Cluster__Tls__CertificatePath) is missing: the certificate silos and API nodes authenticate each other with (docs/security.md#cluster-tls); " +
          $"set {Section}:Enabled=false only where the network itself keeps the silo and gateway ports private."
        : null;

    /// <summary>The silo's side: TLS on its silo and gateway ports, a client certificate required.</summary>
    public void ApplyTo(ISiloBuilder silo)
    {
        if (Enabled)
        {
            var certificate = LoadCertificate();
            var authority = LoadAuthority(certificate);
            silo.UseTls(certificate, options => Configure(options, authority));
        }
    }

    /// <summary>The API node's side when it is only a client: TLS to the gateways, with its own certificate.</summary>
    public void ApplyTo(IClientBuilder client)
    {
        if (Enabled)
        {
            var certificate = LoadCertificate();
            var authority = LoadAuthority(certificate);
            client.UseTls(certificate, options => Configure(options, authority));
        }
    }

    private static void Configure(TlsOptions options, X509Certificate2 authority)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => IsIssuedBy(certificate, authority);
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to <paramref name="authority"/> alone (no system roots).
    /// Host names are not checked: silos reach each other by IP address; the authority is what vouches for a peer.
    /// </summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>This node's certificate with its private key, from <see cref="CertificatePath"/> (and <see cref="KeyPath"/>).</summary>
    public X509Certificate2 LoadCertificate()
    {
        var path = CertificatePath ?? throw new InvalidOperationException(Problem());
        if (!string.IsNullOrWhiteSpace(KeyPath))
        {
            using var pem = X509Certificate2.CreateFromPemFile(path, KeyPath);
            // Re-imported so the key is usable by TLS on every platform (an ephemeral PEM key is not on Windows).
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword);
    }

    /// <summary>The certificate peers must chain to: <see cref="AuthorityPath"/>, or <paramref name="own"/> when unset.</summary>
    public X509Certificate2 LoadAuthority(X509Certificate2 own) =>
        string.IsNullOrWhiteSpace(AuthorityPath) ? X509CertificateLoader.LoadCertificate(own.RawData) : X509CertificateLoader.LoadCertificateFromFile(AuthorityPath);
}
