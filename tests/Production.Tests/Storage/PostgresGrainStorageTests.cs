using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Actors.Production.Tests.Storage;

/// <summary>
/// The ADO.NET provider on the project's own schema and queries (deploy/sql), called directly as
/// grains call it: optimistic concurrency, row identity, clearing, the stored format.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : IAsyncLifetime
{
    private const string StateName = "storage-probe";
    private InProcessTestCluster _cluster = null!;
    private string _database = "";

    private IGrainStorage Storage => _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    public async Task InitializeAsync()
    {
        (_database, var serviceId) = await PostgresClusters.NewStoreAsync(server);
        _cluster = await PostgresClusters.StartAsync(_database, serviceId);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WriteWithAStaleETagRaisesInconsistentStateException()
    {
        var grain = NewStringKeyedGrain();
        var first = new GrainState<StorageProbeNote>(new StorageProbeNote("first", 1));
        await Storage.WriteStateAsync(StateName, grain, first);
        var stale = new GrainState<StorageProbeNote>(new StorageProbeNote("stale", 2)) { ETag = first.ETag, RecordExists = true };
        first.State = new StorageProbeNote("second", 2);
        await Storage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));

        var read = await ReadAsync(StateName, grain);
        Assert.Equal(new StorageProbeNote("second", 2), read.State);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task SecondFirstWriteOfAKeyWithoutExtensionConflictsInsteadOfAddingARow()
    {
        // An integer key has no string part: grain_key_ext is NULL, which the identity must still treat as one key.
        var grain = GrainId.Create(GrainType.Create("storage-probe-int"), GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64()));
        await Storage.WriteStateAsync(StateName, grain, new GrainState<StorageProbeNote>(new StorageProbeNote("one", 1)));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, new GrainState<StorageProbeNote>(new StorageProbeNote("two", 1))));

        Assert.Equal(1L, await Sql.ScalarAsync<long>(_database, $"SELECT count(*) FROM actors_grain_state WHERE state_name = '{StateName}' AND grain_key_ext IS NULL"));
        Assert.Equal(new StorageProbeNote("one", 1), (await ReadAsync(StateName, grain)).State);
    }

    [Fact]
    public async Task TwoStateNamesWithTheSameGrainKeyKeepTheirOwnState()
    {
        var grain = NewStringKeyedGrain();

        await Storage.WriteStateAsync("storage-probe-a", grain, new GrainState<StorageProbeNote>(new StorageProbeNote("a", 1)));
        await Storage.WriteStateAsync("storage-probe-b", grain, new GrainState<StorageProbeNote>(new StorageProbeNote("b", 1)));

        Assert.Equal(new StorageProbeNote("a", 1), (await ReadAsync("storage-probe-a", grain)).State);
        Assert.Equal(new StorageProbeNote("b", 1), (await ReadAsync("storage-probe-b", grain)).State);
    }

    [Fact]
    public async Task ClearingANeverWrittenStateDoesNotThrow()
    {
        var state = new GrainState<StorageProbeNote>();

        await Storage.ClearStateAsync(StateName, NewStringKeyedGrain(), state);

        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ClearingWithoutAnETagRecordsATombstoneAtVersionOne()
    {
        // RecordExists without an ETag makes the provider skip its read and run the clear query with a NULL version.
        var grain = NewStringKeyedGrain();
        var state = new GrainState<StorageProbeNote>(new StorageProbeNote("unsaved", 0)) { RecordExists = true };

        await Storage.ClearStateAsync(StateName, grain, state);

        var read = await ReadAsync(StateName, grain);
        Assert.Equal("1", state.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task ClearedStateReadsAsAbsentAndAStaleWriterCannotBringItBack()
    {
        var grain = NewStringKeyedGrain();
        var state = new GrainState<StorageProbeNote>(new StorageProbeNote("kept", 1));
        await Storage.WriteStateAsync(StateName, grain, state);
        var staleETag = state.ETag;

        await Storage.ClearStateAsync(StateName, grain, state);

        var read = await ReadAsync(StateName, grain);
        Assert.False(read.RecordExists);
        Assert.NotEqual(new StorageProbeNote("kept", 1), read.State);
        Assert.Equal("2", read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain,
            new GrainState<StorageProbeNote>(new StorageProbeNote("resurrected", 1)) { ETag = staleETag, RecordExists = true }));
        read.State = new StorageProbeNote("written again", 3);
        await Storage.WriteStateAsync(StateName, grain, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task StateIsStoredAsReadableJson()
    {
        var grain = NewStringKeyedGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<StorageProbeNote>(new StorageProbeNote("plain text", 7)));

        var text = await Sql.ScalarAsync<string>(_database,
            $"SELECT convert_from(payload, 'UTF8')::jsonb ->> 'Text' FROM actors_grain_state WHERE grain_key_ext = '{grain.Key}' AND state_name = '{StateName}'");

        Assert.Equal("plain text", text);
    }

    private async Task<GrainState<StorageProbeNote>> ReadAsync(string stateName, GrainId grain)
    {
        var state = new GrainState<StorageProbeNote>();
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    /// <summary>Keyed like the project's grains (<c>{tenant}/{id}</c>); a bare Guid string would be stored as a Guid key.</summary>
    private static GrainId NewStringKeyedGrain() => GrainId.Create("storage-probe", "tenant/" + Guid.NewGuid().ToString("N"));
}
