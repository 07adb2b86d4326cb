using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;

namespace Actors.Api.OpenApi;

/// <summary>
/// The build writes the OpenAPI document (obj/openapi/openapi.json) by starting the node under
/// Microsoft.Extensions.ApiDescription.Server's GetDocument tool, with a server that listens nowhere.
/// Hosted services still start, so the node is told to leave no trace: its silo on free ports (two builds
/// at once, or a build beside a running node, must not collide), no demo tenant or key file, a secrets key
/// in memory rather than a generated file, and warnings only in the build's output.
/// </summary>
public static class BuildTimeDocument
{
    /// <summary>True inside the build's document generation.</summary>
    public static bool IsRunning { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var ports = FreePorts();
        return new Dictionary<string, string?>
        {
            ["Actors:Cluster:Mode"] = "Embedded",
            ["Actors:Silo:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Actors:Silo:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Actors:DemoTenant:Enabled"] = "false",
            ["Actors:Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Orleans"] = "Error",
        };
    }

    private static int[] FreePorts()
    {
        var listeners = new[] { new TcpListener(IPAddress.Loopback, 0), new TcpListener(IPAddress.Loopback, 0) };
        foreach (var listener in listeners)
        {
            listener.Start();
        }
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }
        return ports;
    }
}
