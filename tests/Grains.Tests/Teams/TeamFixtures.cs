using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests.Teams;

/// <summary>
/// <c>test_team</c>: tools <c>a</c>, <c>b</c>, <c>c</c> and <c>report</c>. <c>a</c> and <c>b</c> wait
/// for each other when the option <c>rendezvous</c> is set, so they finish only if run at once;
/// <c>report</c> states a number missing from its metrics until it is given feedback.
/// </summary>
public sealed class TeamTestAnalysis : IAnalysis
{
    public static readonly ConcurrentDictionary<string, int> ReportRuns = new();

    public string Type => "test_team";

    public IReadOnlyList<IAnalysisStep> Steps { get; } =
    [
        new LambdaStep("a", (input, _, ct) => Meet(input, "a", ct)),
        new LambdaStep("b", (input, _, ct) => Meet(input, "b", ct)),
        new LambdaStep("c", (input, previous, _) => new JsonObject { ["sum"] = previous["a"]["value"]!.GetValue<int>() + previous["b"]["value"]!.GetValue<int>() }),
        new LambdaStep("report", (input, previous, _) =>
        {
            ReportRuns.AddOrUpdate(input.Options["run"], 1, (_, n) => n + 1);
            var sum = previous["c"]["sum"]!.GetValue<int>();
            var fixedByFeedback = previous.ContainsKey("feedback") || !input.Options.ContainsKey("sloppy");
            return new JsonObject
            {
                ["summary"] = fixedByFeedback ? $"The sum is {sum}." : $"The sum is {sum}, up 42% on last year.",
                ["findings"] = new JsonArray(),
                ["metrics"] = new JsonObject { ["sum"] = sum },
            };
        }),
    ];

    private static JsonObject Meet(AnalysisInput input, string me, CancellationToken ct)
    {
        if (input.Options.TryGetValue("rendezvous", out var gate))
        {
            TestGates.Open($"{gate}/{me}");
            var other = me == "a" ? "b" : "a";
            var met = Task.Run(() => TestGates.Pass($"{gate}/{other}", ct), ct).Wait(TimeSpan.FromSeconds(30), ct);
            if (!met)
            {
                throw new TimeoutException($"step {me} never met step {other}: the steps did not run at once");
            }
        }
        return new JsonObject { ["value"] = me == "a" ? 2 : 3 };
    }

    public static AnalysisInput Input(IReadOnlyDictionary<string, string> options) =>
        new("test_team", new DataTable(["x"], [[Cell.Of(1.0)]]), null, options);
}
