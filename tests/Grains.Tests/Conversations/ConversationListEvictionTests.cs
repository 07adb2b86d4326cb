using Actors.Conversations;
using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Conversations;

/// <summary>
/// A conversation pushed out of its tenant's full list is not forgotten with its content kept: the next
/// sweep erases it, whatever its age, unless it was touched in between (it is then back on the list).
/// </summary>
public sealed class ConversationListEvictionTests : IAsyncLifetime
{
    private readonly ShiftableTime _time = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1,
        new Dictionary<string, string?> { ["Actors:Conversations:ListCapacity"] = "2" },
        configureSilo: silo => silo.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_sweep_erases_conversations_pushed_out_of_the_list_and_keeps_one_touched_since()
    {
        var client = _cluster.Client;
        var tenant = Requests.NewTenant();
        var oldest = await OpenAfterAsync(tenant);
        var touchedLater = await OpenAfterAsync(tenant);
        var third = await OpenAfterAsync(tenant);                   // pushes out the oldest
        var newest = await OpenAfterAsync(tenant);                  // pushes out touchedLater...
        _time.Advance(TimeSpan.FromSeconds(1));
        await ConversationTests.AskAsync(client, tenant, touchedLater, "Hello"); // ...touched: back on the list, pushing out the third

        var erased = await client.GetGrain<ITenantConversations>(tenant).Sweep();

        Assert.Equal(2, erased);
        Assert.Null(await Conversation(tenant, oldest).Get());
        Assert.Null(await Conversation(tenant, third).Get());
        Assert.NotNull(await Conversation(tenant, touchedLater).Get());
        Assert.NotNull(await Conversation(tenant, newest).Get());
        var listed = await client.GetGrain<ITenantConversations>(tenant).List(1, 10);
        Assert.Equal([touchedLater, newest], listed.Items.Select(c => c.ConversationId));
        Assert.Equal(0, await client.GetGrain<ITenantConversations>(tenant).Sweep());
    }

    private async Task<string> OpenAfterAsync(string tenant)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return await ConversationTests.OpenAsync(_cluster.Client, tenant);
    }

    private IConversation Conversation(string tenant, string id) => _cluster.Client.GetGrain<IConversation>(JobKey.For(tenant, id));
}
