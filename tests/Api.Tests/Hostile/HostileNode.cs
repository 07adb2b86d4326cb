namespace Actors.Api.Tests.Hostile;

/// <summary>A node with small input limits, so each limit can be crossed with a small body.</summary>
public sealed class HostileNode : IAsyncLifetime
{
    public const int MaxBodyBytes = 65_536;
    public const int MaxJsonDepth = 8;
    public const int MaxStringLength = 100;
    public const int MaxRecords = 10;
    public const int MaxColumns = 5;

    private readonly string _key = TestNode.NewKey();
    private TestNode? _node;

    /// <summary>The demo tenant: analyses:write, analyses:read and admin.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={_key}",
            $"--Actors:Api:MaxRequestBodyBytes={MaxBodyBytes}",
            $"--Actors:Api:Limits:MaxJsonDepth={MaxJsonDepth}",
            $"--Actors:Api:Limits:MaxStringLength={MaxStringLength}",
            $"--Actors:Api:Limits:MaxRecords={MaxRecords}",
            $"--Actors:Api:Limits:MaxColumns={MaxColumns}",
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
