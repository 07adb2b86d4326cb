namespace Actors.Audit;

/// <summary>
/// A tenant's audit entries. With an <see cref="IAuditStore"/> (production: PostgreSQL) they live
/// there, bounded only by <see cref="AuditOptions.RetentionDays"/> (swept hourly); the embedded
/// default keeps them oldest first in this grain's state, also bounded by
/// <see cref="AuditOptions.MaxEntriesPerTenant"/>. Writes arrive in batches, so one write persists many entries.
/// </summary>
public sealed class AuditLogGrain(
    [PersistentState("audit-log", StorageNames.Grains)] IPersistentState<AuditLogState> state,
    IEnumerable<IAuditStore> stores,
    IOptions<AuditOptions> options,
    TimeProvider time) : Grain, IAuditLog
{
    private static readonly TimeSpan RetentionSweepEvery = TimeSpan.FromHours(1);

    private readonly IAuditStore? _store = stores.LastOrDefault();
    private readonly TimeSpan _retention = TimeSpan.FromDays(Math.Max(1, options.Value.RetentionDays));
    private readonly int _capacity = Math.Max(1, options.Value.MaxEntriesPerTenant);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        var tenantId = this.GetPrimaryKeyString();
        var mine = entries.Where(e => e.TenantId == tenantId).ToList();
        if (mine.Count == 0)
        {
            return;
        }
        if (_store is not null)
        {
            await _store.AppendAsync(tenantId, mine);
            var now = time.GetUtcNow();
            if (now >= _nextSweep)
            {
                _nextSweep = now + RetentionSweepEvery;
                await _store.ForgetBeforeAsync(tenantId, now - _retention);
            }
            return;
        }
        var all = state.State.Entries.AddRange(mine);
        // Batches from several API nodes can interleave in time: keep the list in id (time) order.
        if (!IsOrdered(all))
        {
            all = all.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        }
        var oldestKept = time.GetUtcNow() - _retention;
        var firstKept = all.FindIndex(e => e.At >= oldestKept);
        all = firstKept < 0 ? [] : all.RemoveRange(0, firstKept);
        if (all.Count > _capacity)
        {
            all = all.RemoveRange(0, all.Count - _capacity);
        }
        state.State = state.State with { Entries = all };
        await state.WriteStateAsync();
    }

    public Task<AuditPage> Query(AuditQuery query)
    {
        var oldestKept = time.GetUtcNow() - _retention;
        if (_store is not null)
        {
            return _store.QueryAsync(this.GetPrimaryKeyString(), query, oldestKept);
        }
        var limit = Math.Max(1, query.Limit);
        var items = new List<AuditEntry>(Math.Min(limit, 256));
        var entries = state.State.Entries;
        string? next = null;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            if (entry.At < oldestKept || (query.From is { } from && entry.At < from))
            {
                break;
            }
            if ((query.Before is { } before && string.CompareOrdinal(entry.Id, before) >= 0)
                || (query.To is { } to && entry.At > to)
                || (query.Action is { } action && entry.Action != action)
                || (query.Actor is { } actor && entry.Actor != actor))
            {
                continue;
            }
            if (items.Count == limit)
            {
                next = items[^1].Id;
                break;
            }
            items.Add(entry);
        }
        return Task.FromResult(new AuditPage(items, next));
    }

    private static bool IsOrdered(IReadOnlyList<AuditEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Id, entries[i].Id) > 0)
            {
                return false;
            }
        }
        return true;
    }
}
