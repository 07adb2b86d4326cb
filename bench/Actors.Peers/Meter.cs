using System.Globalization;

namespace Actors.Peers;

/// <summary>
/// CPU seconds and peak memory of a system's server processes, read from /proc. Memory is the sum
/// of PSS (proportional set size), so PostgreSQL's shared buffers are not counted once per backend.
/// </summary>
public sealed class Meter : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<int>> _pids;
    private readonly Dictionary<int, double> _cpuAtStart;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakBytes;

    public Meter(Func<IReadOnlyList<int>> pids)
    {
        _pids = pids;
        _cpuAtStart = pids().ToDictionary(p => p, CpuSeconds);
        _sampler = Task.Run(SampleAsync);
    }

    public double CpuSeconds() => _pids().Sum(p => CpuSeconds(p) - _cpuAtStart.GetValueOrDefault(p));

    public double PeakMegabytes => Interlocked.Read(ref _peakBytes) / 1048576.0;

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var total = _pids().Sum(PssBytes);
            if (total > Interlocked.Read(ref _peakBytes))
            {
                Interlocked.Exchange(ref _peakBytes, total);
            }
            try
            {
                await Task.Delay(200, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
    }

    /// <summary>The process and its descendants (PostgreSQL's backends are the postmaster's children).</summary>
    public static IReadOnlyList<int> WithChildren(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents.Where(p => p.Value == result[i]).Select(p => p.Key));
        }
        return result;
    }

    private static double CpuSeconds(int pid) =>
        Stat(pid) is { } f ? (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0 : 0;

    /// <summary>The fields of /proc/pid/stat after the command name: [0] is state, [1] ppid, [11] utime, [12] stime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long PssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
