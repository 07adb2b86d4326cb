using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;
using Actors.Analytics.Trends;

namespace Actors.Analyses.Trend;

/// <summary>
/// Measures each value field over the time field (see <see cref="TrendJson"/> for the output).
/// Option <c>horizon</c> (1..60, default 3) sets how many periods to forecast.
/// </summary>
public sealed class TrendStep : IAnalysisStep
{
    public const string StepName = "trend";
    public const string HorizonOption = "horizon";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (time, values) = RolesJson.Read(StepOutputs.Require(previous, RolesStep.StepName, StepName));
        var horizon = Horizon(input.Options);
        var trends = new List<SeriesTrend>(values.Count);
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trends.Add(SeriesTrend.Analyse(TimeSeries.Read(input.Table, time, value), horizon));
        }
        return TrendJson.Write(time, horizon, trends);
    }

    private static int Horizon(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue(HorizonOption, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return SeriesTrend.DefaultHorizon;
        }
        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var horizon)
            && horizon is >= 1 and <= ExponentialSmoothing.MaxHorizon
                ? horizon
                : throw new DataFormatException($"options.horizon must be a whole number from 1 to {ExponentialSmoothing.MaxHorizon}, not '{text}'.");
    }
}
