using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Analyses.Bench;

/// <summary>
/// <c>bench_echo</c>: the job shape of the peer benchmark (bench/README.md), registered only when
/// <c>Actors:Bench:Enabled</c> is true. Three steps, each a progress event; the last stores a small
/// result. <c>options.delay_ms</c> makes each step wait that long, so jobs stay running while
/// listeners watch them or while they hold the tenant's run slots.
/// </summary>
public sealed class BenchEchoAnalysis : IAnalysis
{
    public const string AnalysisType = "bench_echo";
    public const string DelayOption = "delay_ms";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps = [new EchoStep("echo_1", last: false), new EchoStep("echo_2", last: false), new EchoStep("echo_3", last: true)];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;

    private sealed class EchoStep(string name, bool last) : IAsyncAnalysisStep
    {
        public string Name => name;

        public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken) =>
            RunAsync(input, previous, cancellationToken).GetAwaiter().GetResult();

        public async Task<JsonNode> RunAsync(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
        {
            if (input.Options.TryGetValue(DelayOption, out var raw)
                && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var delay) && delay > 0)
            {
                await Task.Delay(delay, cancellationToken);
            }
            if (!last)
            {
                return new JsonObject { ["step"] = name };
            }
            return new JsonObject
            {
                ["summary"] = "bench echo",
                ["kpis"] = new JsonArray(),
                ["findings"] = new JsonArray(),
                ["recommendations"] = new JsonArray(),
                ["metrics"] = new JsonObject { ["rows"] = input.Table.RowCount, ["columns"] = input.Table.Columns.Count },
            };
        }
    }
}
