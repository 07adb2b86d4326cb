using Actors.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Actors.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Conversations;

/// <summary>The tenant's retention sweep (what its reminder runs), with time moved by a shiftable clock rather than waited for.</summary>
public sealed class ConversationRetentionTests : IAsyncLifetime
{
    private readonly ShiftableTime _time = new();
    private InProcessTestCluster _cluster = null!;

    // Shared state: the reminder table is one the test can read.
    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1,
        new Dictionary<string, string?> { ["Actors:Conversations:Retention"] = "10.00:00:00" }, sharedState: true,
        configureSilo: silo => silo.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task TheSweepErasesConversationsPastTheTenantsRetentionAndKeepsTheOthers()
    {
        var client = _cluster.Client;
        var shortLived = Requests.NewTenant();
        await client.GetGrain<ITenant>(shortLived).Create("short", TenantStatus.Active, TenantLimits.None,
            new Dictionary<string, string> { [ConversationRetention.Setting] = "2" });
        var byDefault = Requests.NewTenant();
        var expired = await ConversationTests.OpenAsync(client, shortLived);
        await ConversationTests.AskAsync(client, shortLived, expired, "Hello");
        var defaulted = await ConversationTests.OpenAsync(client, byDefault);

        _time.Advance(TimeSpan.FromDays(3));
        var fresh = await ConversationTests.OpenAsync(client, shortLived);

        Assert.Equal(1, await client.GetGrain<ITenantConversations>(shortLived).Sweep());
        Assert.Equal(0, await client.GetGrain<ITenantConversations>(byDefault).Sweep());
        var listed = await client.GetGrain<ITenantConversations>(shortLived).List(1, 50);
        Assert.Equal([fresh], listed.Items.Select(c => c.ConversationId));
        Assert.Null(await client.GetGrain<IConversation>(JobKey.For(shortLived, expired)).Get());
        Assert.NotNull(await client.GetGrain<IConversation>(JobKey.For(byDefault, defaulted)).Get());

        // The global default (10 days) applies to the tenant without a setting.
        _time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await client.GetGrain<ITenantConversations>(byDefault).Sweep());
        Assert.Equal(0, (await client.GetGrain<ITenantConversations>(byDefault).List(1, 50)).Total);
    }

    [Fact]
    public async Task ATenantsFirstConversationRegistersTheSweepReminder()
    {
        var tenant = Requests.NewTenant();
        var list = _cluster.Client.GetGrain<ITenantConversations>(tenant);
        var reminders = new SharedReminderTable(_cluster.Options.ServiceId);
        Assert.Empty((await reminders.ReadRows(list.GetGrainId())).Reminders);

        await ConversationTests.OpenAsync(_cluster.Client, tenant);

        var reminder = Assert.Single((await reminders.ReadRows(list.GetGrainId())).Reminders);
        Assert.Equal(("conversation-retention", TimeSpan.FromHours(1)), (reminder.ReminderName, reminder.Period));
    }

    [Fact]
    public void ARetentionSettingIsWholeDaysOrATimeSpan()
    {
        Assert.Equal(TimeSpan.FromDays(7), ConversationRetention.Parse("7"));
        Assert.Equal(TimeSpan.FromHours(12), ConversationRetention.Parse("12:00:00"));
        Assert.Null(ConversationRetention.Parse("0"));
        Assert.Null(ConversationRetention.Parse("soon"));
    }
}
