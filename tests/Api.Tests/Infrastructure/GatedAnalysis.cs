using System.Text.Json.Nodes;
using Actors.Analyses;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// A test analysis whose first step blocks on the gate named by the request's <c>options.gate</c>
/// until the test opens it (or the job is cancelled); its second step writes a small report.
/// Events of a job that passes: 1 queued, 2 started, 3 step (wait), 4 step (finish), 5 completed.
/// </summary>
public sealed class GatedAnalysis : IAnalysis
{
    public const string AnalysisType = "test_gated";
    public const string GateOption = "gate";

    private static readonly IReadOnlyList<IAnalysisStep> AllSteps = [new WaitStep(), new FinishStep()];

    public string Type => AnalysisType;

    public IReadOnlyList<IAnalysisStep> Steps => AllSteps;

    private sealed class WaitStep : IAnalysisStep
    {
        public string Name => "wait";

        public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
        {
            if (!input.Options.TryGetValue(GateOption, out var gate))
            {
                throw new InvalidOperationException($"A {AnalysisType} job needs options.{GateOption}.");
            }
            Gates.Pass(gate, cancellationToken);
            return new JsonObject { ["passed"] = gate };
        }
    }

    private sealed class FinishStep : IAnalysisStep
    {
        public string Name => "finish";

        public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken) =>
            new JsonObject
            {
                ["summary"] = "gated test analysis",
                ["kpis"] = new JsonArray(),
                ["findings"] = new JsonArray(),
                ["recommendations"] = new JsonArray(),
                ["metrics"] = new JsonObject { ["rows"] = input.Table.RowCount },
            };
    }
}
