using System.Diagnostics;
using System.Globalization;

namespace Actors.Peers;

/// <summary>
/// A dotnet-trace sample (<c>dotnet-sampled-thread-time</c>) of one process for a fixed time; when it
/// ends, <c>dotnet-trace report … topN</c> writes the methods most often on the stack beside it.
/// </summary>
public sealed class Trace : IDisposable
{
    private readonly Process _collect;
    private readonly string _path;

    private Trace(Process collect, string path)
    {
        _collect = collect;
        _path = path;
    }

    public static Trace Start(int pid, int seconds, string path)
    {
        var duration = TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        var collect = Processes.Start(Tool(), ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time",
            "--duration", duration, "-o", path + ".nettrace"], path + ".log");
        return new Trace(collect, path);
    }

    private static string Tool()
    {
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        return File.Exists(installed) ? installed : "dotnet-trace";
    }

    public void Dispose()
    {
        // The group may end before the sample does: then the sample ends with the process it watched.
        if (!_collect.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            _collect.Kill();
        }
        _collect.Dispose();
        try
        {
            var report = Processes.RunAsync(Tool(), ["report", _path + ".nettrace", "topN", "-n", "40", "--inclusive"]).GetAwaiter().GetResult();
            var exclusive = Processes.RunAsync(Tool(), ["report", _path + ".nettrace", "topN", "-n", "40"]).GetAwaiter().GetResult();
            File.WriteAllText(_path + ".top.txt", "inclusive\n" + report + "\nexclusive\n" + exclusive);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            File.WriteAllText(_path + ".top.txt", ex.Message);
        }
    }
}
