using System.Diagnostics;

namespace Actors.Production.Tests.Backups;

/// <summary>Runs one of the repository's <c>deploy/*.sh</c> scripts as an operator would: bash, its arguments, libpq's variables.</summary>
public static class DeployScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>deploy/<paramref name="script"/></c>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Repository.PathOf(), "deploy", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/{script} did not finish within {Timeout.TotalMinutes} min. Output:\n{await output}{await errors}");
        }
        return (process.ExitCode, (await output) + (await errors));
    }

    /// <summary>libpq's variables for the database <paramref name="connectionString"/> names (trust authentication on loopback).</summary>
    public static Dictionary<string, string> LibpqFor(string connectionString)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return new Dictionary<string, string>
        {
            ["PGHOST"] = target.Host!,
            ["PGPORT"] = target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = target.Username!,
            ["PGDATABASE"] = target.Database!,
        };
    }
}
