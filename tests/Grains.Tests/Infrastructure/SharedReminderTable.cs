using System.Collections.Concurrent;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>A reminder table shared by all in-process silos of a test cluster (keyed by service id), so reminders survive a killed silo.</summary>
public sealed class SharedReminderTable(string serviceId) : IReminderTable
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<(GrainId, string), ReminderEntry>> Tables = new();

    private ConcurrentDictionary<(GrainId, string), ReminderEntry> Table => Tables.GetOrAdd(serviceId, _ => new());

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(Table.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = RangeFactory.CreateRange(begin, end);
        return Task.FromResult(new ReminderTableData(Table.Values.Where(r => range.InRange(r.GrainId)).Select(Copy).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(Table.TryGetValue((grainId, reminderName), out var entry) ? Copy(entry) : null);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var stored = Copy(entry);
        stored.ETag = Guid.NewGuid().ToString("N");
        Table[(entry.GrainId, entry.ReminderName)] = stored;
        return Task.FromResult<string?>(stored.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var key = (grainId, reminderName);
        lock (Table)
        {
            if (Table.TryGetValue(key, out var entry) && entry.ETag == eTag)
            {
                return Task.FromResult(Table.TryRemove(key, out _));
            }
        }
        return Task.FromResult(false);
    }

    public Task TestOnlyClearTable()
    {
        Table.Clear();
        return Task.CompletedTask;
    }

    private static ReminderEntry Copy(ReminderEntry e) => new()
    {
        GrainId = e.GrainId,
        ReminderName = e.ReminderName,
        StartAt = e.StartAt,
        Period = e.Period,
        ETag = e.ETag,
    };
}
