using Actors.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Production.Tests.Configuration;

/// <summary>The Orleans settings a production silo's failover time depends on (docs/production.md, Failover).</summary>
public sealed class FailoverSettingsTests
{
    private static IHost ProductionSilo(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Actors:Cluster:Mode"] = "Production",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=actors",
            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
            ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
            ["Actors:Cluster:Tls:Enabled"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Built, not started: nothing is reached, only the silo's options are read.
        return Host.CreateDefaultBuilder().UseOrleans(silo => silo.AddActors(configuration)).Build();
    }

    [Fact]
    public void A_gateway_forgets_a_disconnected_client_after_5_seconds_instead_of_a_minute()
    {
        using var host = ProductionSilo();
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ClientDropTimeout);
    }

    [Fact]
    public void A_silo_is_probed_every_2_seconds_and_dead_after_3_missed_probes_and_2_votes_unless_configured()
    {
        using var defaults = ProductionSilo();
        var membership = defaults.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(2), 3, 2), (membership.ProbeTimeout, membership.NumMissedProbesLimit, membership.NumVotesForDeathDeclaration));

        using var configured = ProductionSilo(("Actors:Cluster:Membership:ProbeTimeout", "00:00:05"));
        Assert.Equal(TimeSpan.FromSeconds(5), configured.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
    }

    [Fact]
    public void Silos_keep_the_strongly_consistent_grain_directory_unless_it_is_turned_off()
    {
        static bool Consistent(IHost host) => host.Services.GetRequiredService<IServiceProviderIsKeyedService>()
            .IsKeyedService(typeof(Orleans.GrainDirectory.IGrainDirectory), Orleans.GrainDirectory.GrainDirectoryAttribute.DEFAULT_GRAIN_DIRECTORY);

        using var defaults = ProductionSilo();
        Assert.True(Consistent(defaults), "a production silo without settings has the consistent directory");
        using var off = ProductionSilo(("Actors:Cluster:ConsistentGrainDirectory", "false"));
        Assert.False(Consistent(off), "Actors:Cluster:ConsistentGrainDirectory=false leaves Orleans's default directory");
    }
}
