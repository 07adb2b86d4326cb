using System.Text.Json.Nodes;
using Actors.Analyses;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>A step defined by a function, for test analyses.</summary>
public sealed class LambdaStep(string name, Func<AnalysisInput, IReadOnlyDictionary<string, JsonNode>, CancellationToken, JsonNode> run) : IAnalysisStep
{
    public string Name => name;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken) =>
        run(input, previous, cancellationToken);
}

/// <summary>
/// <c>test_gated</c>: <c>prepare</c> (counted), <c>wait</c> (blocks on the gate named by option
/// <c>gate</c>), <c>report</c> (counted). Each step counts its runs under <c>{gate}/{step}</c>.
/// </summary>
public sealed class GatedAnalysis : IAnalysis
{
    public string Type => "test_gated";

    public IReadOnlyList<IAnalysisStep> Steps { get; } =
    [
        new LambdaStep("prepare", (input, _, _) =>
        {
            TestGates.CountRun($"{input.Options["gate"]}/prepare");
            return new JsonObject { ["rows"] = input.Table.RowCount };
        }),
        new LambdaStep("wait", (input, _, ct) =>
        {
            TestGates.Pass(input.Options["gate"], ct);
            return new JsonObject { ["waited"] = true };
        }),
        new LambdaStep("report", (input, previous, _) =>
        {
            TestGates.CountRun($"{input.Options["gate"]}/report");
            return new JsonObject
            {
                ["summary"] = "gated",
                ["metrics"] = new JsonObject { ["rows"] = previous["prepare"]["rows"]!.GetValue<int>() },
            };
        }),
    ];
}

/// <summary><c>test_flaky</c>: fails transiently the first <c>failures</c> runs (per option <c>key</c>), or for good when <c>fatal</c> is set.</summary>
public sealed class FlakyAnalysis : IAnalysis
{
    public string Type => "test_flaky";

    public IReadOnlyList<IAnalysisStep> Steps { get; } =
    [
        new LambdaStep("flaky", (input, _, _) =>
        {
            var key = input.Options["key"];
            TestGates.CountRun(key);
            if (input.Options.ContainsKey("fatal"))
            {
                throw new InvalidOperationException("a bug, not a hiccup");
            }
            if (TestGates.RunsOf(key) <= int.Parse(input.Options["failures"], System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new TransientAnalysisException("the dependency hiccupped");
            }
            return new JsonObject { ["summary"] = "recovered" };
        }),
    ];
}

/// <summary><c>test_long</c>: 250 trivial steps, more events than the replay buffer holds.</summary>
public sealed class LongAnalysis : IAnalysis
{
    public const int StepCount = 250;

    public string Type => "test_long";

    public IReadOnlyList<IAnalysisStep> Steps { get; } = Enumerable.Range(1, StepCount)
        .Select(i => (IAnalysisStep)new LambdaStep($"s{i}", (_, _, _) => new JsonObject { ["summary"] = $"step {i}" }))
        .ToList();
}
