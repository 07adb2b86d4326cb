using System.Diagnostics;

namespace Actors.Peers;

/// <summary>Child processes the harness starts, and stops by their own id only.</summary>
public static class Processes
{
    public static Process Start(string file, IEnumerable<string> args, string logPath, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, bool redirectStdin = false, bool captureStdout = false)
    {
        var info = Info(file, args, workingDirectory, environment);
        info.RedirectStandardInput = redirectStdin;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        if (!captureStdout)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
            process.BeginOutputReadLine();
        }
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs to the end; throws with the output when the exit code is not 0.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = Info(file, args, workingDirectory, environment);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in time");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
        return await stdout;
    }

    public static async Task StopAsync(Process? process, TimeSpan grace)
    {
        if (process is null || process.HasExited)
        {
            return;
        }
        try
        {
            // SIGTERM first so the process shuts down as it would in production.
            await RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static ProcessStartInfo Info(string file, IEnumerable<string> args, string? workingDirectory, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return info;
    }
}
