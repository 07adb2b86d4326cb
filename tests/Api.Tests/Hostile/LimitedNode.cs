namespace Actors.Api.Tests.Hostile;

/// <summary>A node started with the given input limits; its demo tenant's client has analyses:write, analyses:read and admin.</summary>
public abstract class LimitedNode(params string[] limits) : IAsyncLifetime
{
    private readonly string _key = TestNode.NewKey();
    private TestNode? _node;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={_key}",
            .. limits,
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Orleans=Error",
        ]);
        Client = _node.NewClient(_key, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _node!.DisposeAsync();
    }
}
