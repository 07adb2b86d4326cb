using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Testing;

/// <summary>
/// A small Kestrel app on a free loopback port, without logging: what the fake servers the tests
/// script (LLM providers, webhook receivers) are built on.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The app's address, <c>http://127.0.0.1:port</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, and starts it.</summary>
    public static async Task<LoopbackApp> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackApp(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(StopBound);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
