using Actors.Production.Tests.Cluster;
using Actors.Silo;
using Actors.Silo.Logging;
using Microsoft.Extensions.Configuration;
using Serilog.Events;
using Serilog.Parsing;

namespace Actors.Production.Tests.Configuration;

/// <summary>A node starts clean: wrong settings stop it with every problem named, and the watchdog's false stall is not logged.</summary>
public sealed class StartupChecksTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Fact]
    public void TheDefaultsHaveNoProblem() =>
        Assert.Empty(SettingsCheck.Problems(Configuration([])));

    [Fact]
    public void EveryWrongSettingIsNamedInOneMessage()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => SettingsCheck.ThrowIfInvalid(Configuration(new()
        {
            ["Actors:Jobs:Timeout"] = "ten minutes",
            ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[16]),
            ["Actors:Queue:DefaultConcurrency"] = "0",
            ["Actors:Telemetry:OtlpProtocol"] = "udp",
            ["Actors:Logging:Format"] = "xml",
            ["Actors:Cluster:Mode"] = "Cloud",
        })));

        Assert.Contains("6 setting(s)", refusal.Message);
        Assert.Contains("Actors:Jobs:Timeout", refusal.Message);
        Assert.Contains("Actors:Secrets:Key is not 32 bytes in base64", refusal.Message);
        Assert.Contains("Actors:Queue:DefaultConcurrency must be at least 1", refusal.Message);
        Assert.Contains("Actors:Telemetry:OtlpProtocol is 'udp'", refusal.Message);
        Assert.Contains("Actors:Logging:Format is 'xml'", refusal.Message);
        Assert.Contains("Actors:Cluster:Mode", refusal.Message);
    }

    [Fact]
    public void ASecretsKeyThatIsNotBase64IsRefused() =>
        Assert.Contains(SettingsCheck.Problems(Configuration(new() { ["Actors:Secrets:Key"] = "correct horse battery staple" })),
            p => p.StartsWith("Actors:Secrets:Key", StringComparison.Ordinal));

    [Fact]
    public void AWatchdogPeriodShorterThanAReminderCanBeIsRefused() =>
        Assert.Contains(SettingsCheck.Problems(Configuration(new() { ["Actors:Jobs:WatchdogPeriod"] = "00:00:10" })),
            p => p.StartsWith("Actors:Jobs:WatchdogPeriod", StringComparison.Ordinal));

    [Fact]
    public async Task ASiloWithAWrongSettingExitsAtOnceSayingWhich()
    {
        var folder = Directory.CreateTempSubdirectory("actors-settings-").FullName;
        var silo = NodeProcess.Start("silo", ActorsCluster.BinaryOf("Silo", "Actors.Silo.dll"), ["--Actors:Jobs:Timeout=soon"],
            new Dictionary<string, string>(), folder);
        await Poll.UntilAsync(() => Task.FromResult(silo.HasExited), exited => exited, TimeSpan.FromSeconds(60), "the silo to exit on a wrong setting",
            _ => silo.Output);

        Assert.Equal(1, silo.ExitCode);
        // The output's last lines may still be on their way through the pipe when the exit is seen.
        await Poll.UntilAsync(() => Task.FromResult(silo.Output), output => output.Contains("Actors:Jobs:Timeout", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the silo's output to name Actors:Jobs:Timeout");
        Directory.Delete(folder, recursive: true);
    }

    private static LogEvent WatchdogEvent(string source, string template, TimeSpan stall) => new(
        DateTimeOffset.UtcNow, LogEventLevel.Warning, null, new MessageTemplateParser().Parse(template),
        [new LogEventProperty("SourceContext", new ScalarValue(source)), new LogEventProperty("TimeSinceLastTick", new ScalarValue(stall))]);

    private const string Stalled = "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.";

    [Fact]
    public void AStallLongerThanTheProcessHasLivedIsTheWatchdogsStartRaceAndIsDropped() =>
        Assert.True(WatchdogStartRace.IsFalseStall(WatchdogEvent("Orleans.Runtime.Watchdog", Stalled, TimeSpan.FromDays(3650))));

    [Fact]
    public void ARealStallIsStillLogged()
    {
        Assert.False(WatchdogStartRace.IsFalseStall(WatchdogEvent("Orleans.Runtime.Watchdog", Stalled, TimeSpan.FromMilliseconds(1))));
        Assert.False(WatchdogStartRace.IsFalseStall(WatchdogEvent("Orleans.Runtime.Watchdog", ".NET Runtime Platform stalled for {TimeSinceLastTick}", TimeSpan.FromDays(3650))));
        Assert.False(WatchdogStartRace.IsFalseStall(WatchdogEvent("Actors.Jobs", Stalled, TimeSpan.FromDays(3650))));
    }
}
