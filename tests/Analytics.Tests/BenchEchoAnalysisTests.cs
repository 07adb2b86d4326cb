using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analyses.Bench;

namespace Actors.Analytics.Tests;

public sealed class BenchEchoAnalysisTests
{
    [Fact]
    public async Task Three_steps_run_without_a_thread_and_the_last_writes_a_small_report()
    {
        var analysis = new BenchEchoAnalysis();
        var input = new AnalysisInput(BenchEchoAnalysis.AnalysisType, TableReader.FromCsv("a,b\n1,2\n3,4\n"), null, new Dictionary<string, string>());
        var previous = new Dictionary<string, JsonNode>();
        JsonNode? last = null;

        foreach (var step in analysis.Steps)
        {
            var waiting = Assert.IsAssignableFrom<IAsyncAnalysisStep>(step);
            last = await waiting.RunAsync(input, previous, CancellationToken.None);
            previous[step.Name] = last;
        }

        Assert.Equal(3, analysis.Steps.Count);
        Assert.Equal("bench echo", last!["summary"]!.GetValue<string>());
        Assert.Equal(2, last["metrics"]!["rows"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_delayed_step_ends_when_its_job_is_cancelled()
    {
        var step = (IAsyncAnalysisStep)new BenchEchoAnalysis().Steps[0];
        var input = new AnalysisInput(BenchEchoAnalysis.AnalysisType, TableReader.FromCsv("a\n1\n"), null,
            new Dictionary<string, string> { [BenchEchoAnalysis.DelayOption] = "600000" });
        using var cancel = new CancellationTokenSource();

        var running = step.RunAsync(input, new Dictionary<string, JsonNode>(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
