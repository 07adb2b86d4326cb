using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Actors.Webhooks;

/// <summary>
/// Keeps deliveries off the operator's own network (SSRF). A target must be http or https, and every
/// address its host resolves to must be public, unless <see cref="WebhookOptions.AllowPrivateTargets"/>.
/// Checked when a URL is registered or submitted, and again as each delivery connects: DNS can change
/// between the two, so the connection goes to the very addresses that were checked.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    private readonly bool _allowPrivate = options.Value.AllowPrivateTargets;

    /// <summary>Whether a URL may be registered or used as a callback: null when it may, else why not.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Only absolute http and https URLs can receive deliveries.";
        }
        if (_allowPrivate)
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"The host '{uri.IdnHost}' cannot be resolved, so it cannot be checked as a public address.";
        }
        if (addresses.Length == 0)
        {
            return $"The host '{uri.IdnHost}' resolves to no address.";
        }
        return addresses.Any(a => !IsPublic(a)) ? Refusal(uri.IdnHost) : null;
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the delivery client: resolves the host,
    /// refuses internal addresses with <see cref="WebhookTargetRefusedException"/>, connects to a checked address.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!_allowPrivate && addresses.Any(a => !IsPublic(a)))
        {
            throw new WebhookTargetRefusedException(Refusal(host));
        }
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    /// <summary>
    /// False for loopback, private (RFC 1918, shared 100.64/10), link-local, unique-local, site-local,
    /// multicast, unspecified, broadcast, documentation, benchmarking and reserved addresses, in IPv4 or
    /// IPv6, including IPv4 addresses carried inside IPv6 (mapped, compatible, translated (SIIT), NAT64,
    /// 6to4), and for the tunnels and translators whose far end cannot be checked (Teredo, local-use NAT64).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
        {
            return IsPublic(embedded);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && IsUncheckableIPv6(address.GetAddressBytes()))
        {
            return false;
        }
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !(b[0] == 0                                   // "this network", 0.0.0.0
                || b[0] == 10                                    // private
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // shared (carrier-grade NAT)
                || b[0] == 127                                   // loopback
                || (b[0] == 169 && b[1] == 254)                  // link-local (cloud metadata lives here)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)          // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
                || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // documentation (TEST-NET-1)
                || (b[0] == 192 && b[1] == 168)                  // private
                || (b[0] == 198 && (b[1] & 0xFE) == 18)          // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // documentation (TEST-NET-2)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // documentation (TEST-NET-3)
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.Equals(IPAddress.IPv6Any)
                || address.Equals(IPAddress.IPv6Loopback)
                || b[0] == 0xFF                                  // multicast
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)       // link-local fe80::/10
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)       // site-local fec0::/10 (deprecated, still routed inside some networks)
                || (b[0] & 0xFE) == 0xFC);                       // unique-local fc00::/7
        }
        return false;
    }

    /// <summary>
    /// IPv6 ranges that are not a public host, or lead to one this guard cannot see: Teredo (2001::/32, the
    /// IPv4 far end is obfuscated), local-use NAT64 (64:ff9b:1::/48, translated inside the operator's network),
    /// benchmarking (2001:2::/48), discard-only (100::/64) and documentation (2001:db8::/32, 3fff::/20).
    /// </summary>
    private static bool IsUncheckableIPv6(byte[] b) =>
        (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01)
        || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x02 && b[4] == 0x00 && b[5] == 0x00)
        || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)
        || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        || (b[0] == 0x3F && b[1] == 0xFF && (b[2] & 0xF0) == 0x00);

    /// <summary>The IPv4 address an IPv6 address carries, for the forms that reach an IPv4 host.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var b = address.GetAddressBytes();
        var firstTwelveZero = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        if (firstTwelveZero && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            return new IPAddress(b.AsSpan(12, 4));                 // IPv4-compatible ::a.b.c.d (deprecated)
        }
        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return new IPAddress(b.AsSpan(12, 4));                 // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b.AsSpan(12, 4));                 // NAT64 64:ff9b::/96
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b.AsSpan(2, 4));                  // 6to4 2002::/16
        }
        return null;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var literal))
        {
            return [literal];
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        return await Dns.GetHostAddressesAsync(bare, timeout.Token);
    }

    // The address itself stays out of the answer: naming what an internal host resolves to would make the refusal a DNS oracle.
    private static string Refusal(string host) =>
        $"The host '{host}' resolves to a private, loopback, link-local or otherwise internal address; deliveries only go to public addresses.";
}

/// <summary>A delivery's target resolved to an address deliveries may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
