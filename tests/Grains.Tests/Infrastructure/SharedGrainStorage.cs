using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>
/// Grain storage that outlives any one in-process silo: all silos of a test cluster read and write
/// the same store (keyed by the cluster's service id), so killing a silo loses no grain state —
/// as with PostgreSQL in production. State is kept serialized, so readers never share objects.
/// </summary>
public sealed class SharedGrainStorage(string serviceId, Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (byte[] Data, string ETag)>> Stores = new();
    private static readonly ConcurrentDictionary<WriteHold, byte> Holds = new();

    private ConcurrentDictionary<string, (byte[] Data, string ETag)> Store => Stores.GetOrAdd(serviceId, _ => new());

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    /// <summary>Holds every write to state whose key contains <paramref name="keyPart"/> until the hold is released.</summary>
    public static WriteHold HoldWrites(string keyPart)
    {
        var hold = new WriteHold(keyPart, h => Holds.TryRemove(h, out _));
        Holds[hold] = 0;
        return hold;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        foreach (var hold in Holds.Keys.Where(h => key.Contains(h.KeyPart, StringComparison.Ordinal)))
        {
            await hold.PassAsync();
        }
        var data = serializer.SerializeToArray(grainState.State);
        lock (Store)
        {
            var current = Store.TryGetValue(key, out var stored) ? stored.ETag : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {key}: stored {current}, given {grainState.ETag}", current!, grainState.ETag!);
            }
            var etag = Guid.NewGuid().ToString("N");
            Store[key] = (data, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}

/// <summary>A write held in <see cref="SharedGrainStorage"/>: the test sees it arrive, then lets it (and every later one) through.</summary>
public sealed class WriteHold(string keyPart, Action<WriteHold> forget) : IDisposable
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string KeyPart => keyPart;

    /// <summary>Completes when a held write has arrived.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    public void Dispose()
    {
        Release();
        forget(this);
    }

    internal Task PassAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
