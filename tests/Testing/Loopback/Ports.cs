using System.Net;
using System.Net.Sockets;

namespace Actors.Testing;

/// <summary>Free loopback ports for the servers and nodes the tests and benchmarks start.</summary>
public static class Ports
{
    /// <summary><paramref name="count"/> distinct ports, all held until every one is chosen so none is handed out twice.</summary>
    public static int[] Free(int count = 1)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static int FreeOne() => Free()[0];
}
