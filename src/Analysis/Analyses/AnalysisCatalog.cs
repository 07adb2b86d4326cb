using System.Text.Json;
using Actors.Analytics;

namespace Actors.Analyses;

/// <summary>The analysis types this node can run, by API type name.</summary>
public sealed class AnalysisCatalog(IEnumerable<IAnalysis> analyses)
{
    private readonly Dictionary<string, IAnalysis> _byType = analyses.ToDictionary(a => a.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<string> SupportedTypes => _byType.Keys;

    /// <summary>Every step name of every registered analysis: the tools agents may be given.</summary>
    public IReadOnlyCollection<string> ToolNames => _byType.Values.SelectMany(a => a.Steps.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);

    public bool TryGet(string type, out IAnalysis analysis) => _byType.TryGetValue(type, out analysis!);

    /// <summary>
    /// Parses a submission's data (JSON records or CSV text) into what the steps see. Throws
    /// <see cref="DataFormatException"/> for data a user must fix (<see cref="DataFormatException.Limit"/> for data over
    /// <paramref name="limits"/>, which the readers enforce while they read).
    /// </summary>
    public static AnalysisInput ReadInput(string type, string? recordsJson, string? csv, string? question, IReadOnlyDictionary<string, string> options,
        TableLimits? limits = null)
    {
        DataTable table;
        if (recordsJson is not null)
        {
            using var document = JsonDocument.Parse(recordsJson);
            table = TableReader.FromJsonRecords(document.RootElement, limits);
        }
        else if (csv is not null)
        {
            table = TableReader.FromCsv(csv, limits);
        }
        else
        {
            throw new DataFormatException("The request carries no data: give data.records or csv.");
        }
        return new AnalysisInput(type, table, question, options);
    }
}
