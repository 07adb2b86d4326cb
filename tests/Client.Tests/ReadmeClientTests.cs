using System.Diagnostics;
using System.Text.RegularExpressions;
using Actors.Client.Tests.Infrastructure;

namespace Actors.Client.Tests;

/// <summary>
/// The README's client snippet, built as the program it claims to be and run against a real node: a README
/// edit that stops it compiling or working fails here, not in a newcomer's hands.
/// </summary>
[Collection(ClientNodeCollection.Name)]
public sealed partial class ReadmeClientTests(ClientNode node)
{
    private const string LocalNode = "new Uri(\"http://localhost:5000\")";

    [Fact]
    public async Task The_readme_client_snippet_builds_and_follows_an_analysis_to_its_report()
    {
        var snippet = ReadmeSnippet();
        Assert.Contains(LocalNode, snippet);
        var folder = Directory.CreateTempSubdirectory("actors-readme-client-");
        try
        {
            // The program as a newcomer would have it: the snippet as Program.cs, the demo key and the sample
            // beside it; only the address moves from port 5000 to the test's node.
            File.WriteAllText(Path.Combine(folder.FullName, "Program.cs"), snippet.Replace(LocalNode, $"new Uri(\"{node.Node.BaseAddress}\")"));
            File.WriteAllText(Path.Combine(folder.FullName, "ReadmeClient.csproj"), Project());
            Directory.CreateDirectory(Path.Combine(folder.FullName, ".actors"));
            File.WriteAllText(Path.Combine(folder.FullName, ".actors", "dev-api-key"), node.DemoKey + "\n");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "samples"));
            File.Copy(Repository.PathOf("samples", "sales.csv"), Path.Combine(folder.FullName, "samples", "sales.csv"));

            var build = await RunAsync(folder.FullName, "build", "-c", "Release", "-o", "out", "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
            Assert.True(build.ExitCode == 0, $"the README snippet did not build:\n{build.Output}");
            var run = await RunAsync(folder.FullName, Path.Combine("out", "ReadmeClient.dll"));
            Assert.True(run.ExitCode == 0, $"the README snippet failed:\n{run.Output}");

            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var events = lines.Select(line => EventLine().Match(line)).Where(m => m.Success).ToList();
            Assert.True(events.Count >= 2, $"expected the job's events, one a line:\n{run.Output}");
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => i.ToString()), events.Select(m => m.Groups["sequence"].Value));
            Assert.Equal("queued", events[0].Groups["name"].Value);
            Assert.Equal("completed", events[^1].Groups["name"].Value);
            Assert.Equal("100", events[^1].Groups["progress"].Value);
            var summary = lines[(lines.ToList().IndexOf(events[^1].Value) + 1)..];
            Assert.True(summary.Length > 0 && summary.All(line => !EventLine().IsMatch(line)), $"expected the report's summary after the events:\n{run.Output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The C# block under the README's "The .NET client" heading.</summary>
    private static string ReadmeSnippet()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var section = readme.IndexOf("### The .NET client", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no \"### The .NET client\" section");
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal);
        Assert.True(start >= 0, "the README's client section has no ```csharp block");
        start += "```csharp\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>A console program referencing the client assembly this test was built with (no package, nothing to download).</summary>
    private static string Project() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="Actors.Client" HintPath="{typeof(ActorsClient).Assembly.Location}" />
          </ItemGroup>
        </Project>
        """;

    private static async Task<(int ExitCode, string Output)> RunAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // No build server may outlive the build holding this process's pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not end within 5 minutes");
        }
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^(?<sequence>\d+) (?<name>[a-z_]+) (?<progress>\d+)%$")]
    private static partial Regex EventLine();
}
