using Actors.Grains.Tests.Infrastructure;
using Actors.Grains.Tests.Llm;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// An Idempotency-Key binds its job for the retention (24 h by default) and no longer: past it the key
/// makes a new job, and the reminder set with the binding erases the record from storage.
/// </summary>
public sealed class IdempotencyRetentionTests : IAsyncLifetime
{
    private readonly ShiftableTime _time = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(1,
        new Dictionary<string, string?> { ["Actors:Jobs:IdempotencyRetention"] = "02:00:00" }, sharedState: true,
        configureSilo: silo => silo.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Within_the_retention_a_retry_is_the_same_job_and_after_it_the_key_makes_a_new_one()
    {
        var key = _cluster.Client.GetGrain<IIdempotencyKey>(JobKey.For(Requests.NewTenant(), "key-1"));
        var request = Requests.Csv();

        var first = await key.Submit(Requests.NewJobId(), request);
        _time.Advance(TimeSpan.FromHours(1));
        var retry = await key.Submit(Requests.NewJobId(), request);
        _time.Advance(TimeSpan.FromHours(1));
        var afterRetention = await key.Submit(Requests.NewJobId(), request with { Fingerprint = "another request" });

        Assert.Equal(first!.Job.JobId, retry!.Job.JobId);
        Assert.NotNull(afterRetention);
        Assert.True(afterRetention.Created);
        Assert.NotEqual(first.Job.JobId, afterRetention.Job.JobId);
    }

    [Fact]
    public async Task A_binding_sets_an_expiry_reminder_whose_tick_erases_the_record()
    {
        var key = _cluster.Client.GetGrain<IIdempotencyKey>(JobKey.For(Requests.NewTenant(), "key-2"));
        await key.Submit(Requests.NewJobId(), Requests.Csv());
        var reminders = new SharedReminderTable(_cluster.Options.ServiceId);
        var reminder = Assert.Single((await reminders.ReadRows(key.GetGrainId())).Reminders);
        Assert.Equal(("idempotency-expiry", TimeSpan.FromHours(2)), (reminder.ReminderName, reminder.Period));
        Assert.True(await StoredAsync(key), "the binding was not stored");

        var remindable = _cluster.Client.GetGrain<IRemindable>(key.GetGrainId());
        await remindable.ReceiveReminder("idempotency-expiry", new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(2), DateTime.UtcNow));
        Assert.True(await StoredAsync(key), "a tick before the retention erased the binding");

        _time.Advance(TimeSpan.FromHours(2));
        await remindable.ReceiveReminder("idempotency-expiry", new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(2), DateTime.UtcNow));

        Assert.False(await StoredAsync(key), "the expired binding is still in storage");
        Assert.Empty((await reminders.ReadRows(key.GetGrainId())).Reminders);
    }

    private async Task<bool> StoredAsync(IIdempotencyKey key)
    {
        var storage = new SharedGrainStorage(_cluster.Options.ServiceId, _cluster.Client.ServiceProvider.GetRequiredService<Serializer>());
        var state = new GrainState<IdempotencyKeyState>();
        await storage.ReadStateAsync("idempotency-key", key.GetGrainId(), state);
        return state.RecordExists && state.State?.JobId is not null;
    }
}
