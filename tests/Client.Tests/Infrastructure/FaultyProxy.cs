using System.Net.Sockets;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on a loopback port in front of a node, whose faults a test arms: answer a request itself
/// (a 429 or 503 the node never saw), forward a request but reset the connection before its answer, or
/// reset a response stream once it has relayed a given text. Each armed fault fires on the first
/// connection whose request matches, and its task completes when it has. Everything else is relayed
/// byte for byte; the request bytes of every connection are kept for assertions.
/// </summary>
public sealed class FaultyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];
    private readonly List<StringBuilder> _requests = [];
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public FaultyProxy(Uri upstream)
    {
        _upstreamPort = upstream.Port;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>The next request containing <paramref name="requestMarker"/> gets <paramref name="response"/> from the proxy and a closed connection.</summary>
    public Task Answer(string requestMarker, string response) => Arm(new Fault(FaultKind.Answer, requestMarker, response));

    /// <summary>The next request containing <paramref name="requestMarker"/> reaches the node, but its connection is reset before the answer.</summary>
    public Task DropAnswer(string requestMarker) => Arm(new Fault(FaultKind.DropAnswer, requestMarker, null));

    /// <summary>The next response to a request containing <paramref name="requestMarker"/> is relayed until it has carried <paramref name="responseMarker"/>, then reset.</summary>
    public Task CutAfter(string requestMarker, string responseMarker) => Arm(new Fault(FaultKind.Cut, requestMarker, responseMarker));

    /// <summary>How many connections sent a request containing <paramref name="text"/>.</summary>
    public int ConnectionsThatSent(string text)
    {
        lock (_gate)
        {
            return _requests.Count(r => r.ToString().Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>Every request byte sent through the proxy, connection after connection.</summary>
    public string AllRequests()
    {
        lock (_gate)
        {
            return string.Join("\n----\n", _requests.Select(r => r.ToString()));
        }
    }

    private Task Arm(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
        return fault.Fired.Task;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            lock (_gate)
            {
                _connections.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var log = new StringBuilder();
        lock (_gate)
        {
            _requests.Add(log);
        }
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Fault? fault = null;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var toServer = Task.Run(async () =>
            {
                var buffer = new byte[16 * 1024];
                while (true)
                {
                    var read = await client.ReceiveAsync(buffer, done.Token);
                    if (read == 0)
                    {
                        upstream.Shutdown(SocketShutdown.Send);
                        return;
                    }
                    string seen;
                    lock (_gate)
                    {
                        log.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        seen = log.ToString();
                        fault ??= _faults.FirstOrDefault(f => !f.Fired.Task.IsCompleted && !f.Taken && seen.Contains(f.RequestMarker, StringComparison.Ordinal));
                        if (fault is not null)
                        {
                            fault.Taken = true;
                        }
                    }
                    if (fault is { Kind: FaultKind.Answer })
                    {
                        await client.SendAsync(Encoding.ASCII.GetBytes(fault.Text!), done.Token);
                        client.Shutdown(SocketShutdown.Both);
                        fault.Fired.TrySetResult();
                        return;
                    }
                    await upstream.SendAsync(buffer.AsMemory(0, read), done.Token);
                }
            }, done.Token);
            var toClient = Task.Run(async () =>
            {
                var buffer = new byte[16 * 1024];
                var relayedSinceMarker = new StringBuilder();
                while (true)
                {
                    var read = await upstream.ReceiveAsync(buffer, done.Token);
                    if (read == 0)
                    {
                        client.Shutdown(SocketShutdown.Send);
                        return;
                    }
                    if (fault is { Kind: FaultKind.DropAnswer })
                    {
                        Reset(client);
                        fault.Fired.TrySetResult();
                        return;
                    }
                    await client.SendAsync(buffer.AsMemory(0, read), done.Token);
                    if (fault is { Kind: FaultKind.Cut })
                    {
                        relayedSinceMarker.Append(Encoding.UTF8.GetString(buffer, 0, read));
                        if (relayedSinceMarker.ToString().Contains(fault.Text!, StringComparison.Ordinal))
                        {
                            Reset(client);
                            fault.Fired.TrySetResult();
                            return;
                        }
                    }
                }
            }, done.Token);
            await Task.WhenAny(toServer, toClient);
            if (fault is not null || toClient.IsCompleted)
            {
                await done.CancelAsync();
            }
            await Task.WhenAll(toServer, toClient);
        }
        catch (Exception)
        {
            // A reset, a shutdown or the proxy stopping: the connection is over either way.
        }
        finally
        {
            Reset(client);
        }
    }

    /// <summary>Closes with an RST, as a dropped network path or a killed proxy would.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }
        await Task.WhenAll(connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stopping.Dispose();
    }

    private enum FaultKind
    {
        Answer,
        DropAnswer,
        Cut,
    }

    private sealed class Fault(FaultKind kind, string requestMarker, string? text)
    {
        public FaultKind Kind { get; } = kind;

        public string RequestMarker { get; } = requestMarker;

        public string? Text { get; } = text;

        /// <summary>A connection has claimed it (under the proxy's lock), so two connections never fire one fault.</summary>
        public bool Taken { get; set; }

        public TaskCompletionSource Fired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
