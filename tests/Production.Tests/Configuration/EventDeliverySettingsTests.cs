using Actors.Jobs;
using Actors.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Production.Tests.Configuration;

/// <summary><c>Actors:Jobs:EventDeliveryInterval</c> is how often the silo's job-event streams are polled.</summary>
public sealed class EventDeliverySettingsTests
{
    private static IHost Silo(string? interval)
    {
        var settings = new Dictionary<string, string?>();
        if (interval is not null)
        {
            settings["Actors:Jobs:EventDeliveryInterval"] = interval;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Built, not started (a refused one fails at start): only the silo's options are read.
        return Host.CreateDefaultBuilder().UseOrleans(silo => silo.AddActors(configuration)).Build();
    }

    private static TimeSpan PollPeriod(IHost host) =>
        host.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(JobStreams.ProviderName).GetQueueMsgsTimerPeriod;

    [Fact]
    public void JobEventsArePolledEvery20MillisecondsByDefaultInsteadOfOrleanss100()
    {
        using var host = Silo(null);
        Assert.Equal(TimeSpan.FromMilliseconds(20), PollPeriod(host));
    }

    [Fact]
    public void TheIntervalComesFromConfiguration()
    {
        using var host = Silo("00:00:00.050");
        Assert.Equal(TimeSpan.FromMilliseconds(50), PollPeriod(host));
    }

    [Fact]
    public async Task AZeroIntervalIsRefusedWithTheSettingNamed()
    {
        using var host = Silo("00:00:00");
        // The node refuses to start, before the silo does.
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Actors:Jobs:EventDeliveryInterval must be positive", refusal.Message);
    }
}
