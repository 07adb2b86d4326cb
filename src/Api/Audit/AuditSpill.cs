using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Audit;

namespace Actors.Api.Audit;

/// <summary>
/// The node's audit entries on local disk until their tenant's log has stored them: one JSON line
/// per entry, appended before the request's answer goes out, in segment files of
/// <see cref="SegmentEntries"/> lines; a segment is deleted once every entry in it is stored. A node
/// that dies (SIGKILL included) finds its segments at its next start and sends them again; the
/// logs store an entry sent twice once. Lines are handed to the operating system at once, so they
/// outlive the process, not a power cut. The folder is locked: two nodes cannot share one.
/// Without a folder (the embedded default, whose log is in memory anyway) nothing is written.
/// </summary>
public sealed class AuditSpill : IDisposable
{
    public const int SegmentEntries = 1000;

    private const string Prefix = "audit-";
    private const string Suffix = ".jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly string? _folder;
    private readonly FileStream? _lock;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, int> _unstored = [];
    private FileStream? _current;
    private long _segment;
    private int _written;

    /// <param name="folder">Where the segments live; null keeps nothing on disk.</param>
    public AuditSpill(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
        try
        {
            _lock = new FileStream(Path.Combine(_folder, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The audit spill folder {_folder} is in use by another node; give each API node its own Actors:Audit:SpillPath.", ex);
        }
    }

    /// <summary>The folder, or null when nothing is kept on disk.</summary>
    public string? Folder => _folder;

    /// <summary>
    /// The entries a previous run left unstored, oldest segment first, each with its segment; lines
    /// cut short by a crash are skipped and counted in <paramref name="torn"/>. Call once, before <see cref="Append"/>.
    /// </summary>
    public IReadOnlyList<(AuditEntry Entry, long Segment)> Recover(out int torn)
    {
        torn = 0;
        var found = new List<(AuditEntry, long)>();
        if (_folder is null)
        {
            return found;
        }
        var segments = Directory.EnumerateFiles(_folder, Prefix + "*" + Suffix)
            .Select(path => (Path: path, Number: NumberOf(path)))
            .Where(s => s.Number is not null)
            .OrderBy(s => s.Number)
            .ToList();
        foreach (var (path, number) in segments)
        {
            var count = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                if (Parse(line) is { } entry)
                {
                    found.Add((entry, number!.Value));
                    count++;
                }
                else if (line.Length > 0)
                {
                    torn++;
                }
            }
            if (count == 0)
            {
                File.Delete(path);
                continue;
            }
            _unstored[number!.Value] = count;
        }
        _segment = segments.Count == 0 ? 0 : segments[^1].Number!.Value;
        return found;
    }

    /// <summary>Writes <paramref name="entry"/> and returns its segment, to be passed to <see cref="Stored"/>.</summary>
    public long Append(AuditEntry entry)
    {
        if (_folder is null)
        {
            return 0;
        }
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, Json);
        lock (_gate)
        {
            if (_current is null || _written >= SegmentEntries)
            {
                Roll();
            }
            _current!.Write(line);
            _current.WriteByte((byte)'\n');
            // To the operating system now: a killed process leaves it in the file.
            _current.Flush();
            _written++;
            _unstored[_segment] = _unstored.GetValueOrDefault(_segment) + 1;
            return _segment;
        }
    }

    /// <summary>The log has stored <paramref name="count"/> entries of <paramref name="segment"/>: a finished segment with none left is deleted.</summary>
    public void Stored(long segment, int count)
    {
        if (_folder is null)
        {
            return;
        }
        lock (_gate)
        {
            var left = _unstored.GetValueOrDefault(segment) - count;
            if (left > 0)
            {
                _unstored[segment] = left;
                return;
            }
            _unstored.Remove(segment);
            if (segment != _segment || _current is null)
            {
                File.Delete(PathOf(segment));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
            if (_folder is not null && !_unstored.ContainsKey(_segment) && File.Exists(PathOf(_segment)))
            {
                File.Delete(PathOf(_segment));
            }
        }
        _lock?.Dispose();
    }

    private void Roll()
    {
        _current?.Dispose();
        if (_current is not null && !_unstored.ContainsKey(_segment))
        {
            File.Delete(PathOf(_segment));
        }
        _segment++;
        _current = new FileStream(PathOf(_segment), FileMode.Append, FileAccess.Write, FileShare.Read);
        _written = 0;
    }

    private string PathOf(long segment) =>
        Path.Combine(_folder!, Prefix + segment.ToString("D10", CultureInfo.InvariantCulture) + Suffix);

    private static long? NumberOf(string path)
    {
        var name = Path.GetFileName(path);
        return long.TryParse(name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    private static AuditEntry? Parse(string line)
    {
        try
        {
            return line.Length == 0 ? null : JsonSerializer.Deserialize<AuditEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
