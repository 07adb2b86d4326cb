using System.Net.Sockets;

namespace Actors.Console.Tests.Infrastructure;

/// <summary>
/// Another origin on the same site (127.0.0.1, another port): a page there that posts a form to the node.
/// SameSite=Strict cookies are sent with it (same site), so only the anti-forgery token stands in the way.
/// </summary>
public sealed class ForgingSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _page;

    public ForgingSite(string page)
    {
        _page = page;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Address { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(_page);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
