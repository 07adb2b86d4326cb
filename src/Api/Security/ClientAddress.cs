using System.Net;
using System.Net.Sockets;

namespace Actors.Api.Security;

/// <summary>Which bucket a client address counts in: IPv4 by address, IPv6 by its prefix.</summary>
public static class ClientAddress
{
    /// <param name="ipv6PrefixLength">An IPv6 subscriber holds a whole /64: counting by address would give it 2^64 buckets.</param>
    public static string BucketOf(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPAddress(bytes) + "/" + ipv6PrefixLength;
    }
}
