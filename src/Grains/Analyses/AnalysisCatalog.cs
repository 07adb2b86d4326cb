using System.Text.Json;
using Actors.Analytics;
using Actors.Jobs;

namespace Actors.Analyses;

/// <summary>The analysis types this node can run, by API type name.</summary>
public sealed class AnalysisCatalog(IEnumerable<IAnalysis> analyses)
{
    private readonly Dictionary<string, IAnalysis> _byType = analyses.ToDictionary(a => a.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<string> SupportedTypes => _byType.Keys;

    /// <summary>Every step name of every registered analysis: the tools agents may be given.</summary>
    public IReadOnlyCollection<string> ToolNames => _byType.Values.SelectMany(a => a.Steps.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);

    public bool TryGet(string type, out IAnalysis analysis) => _byType.TryGetValue(type, out analysis!);

    /// <summary>Parses the request's data. Throws <see cref="DataFormatException"/> for data a user must fix.</summary>
    public static AnalysisInput ReadInput(AnalysisRequest request)
    {
        DataTable table;
        if (request.RecordsJson is not null)
        {
            using var document = JsonDocument.Parse(request.RecordsJson);
            table = TableReader.FromJsonRecords(document.RootElement);
        }
        else if (request.Csv is not null)
        {
            table = TableReader.FromCsv(request.Csv);
        }
        else
        {
            throw new DataFormatException("The request carries no data: give data.records or csv.");
        }
        return new AnalysisInput(request.Type, table, request.Question, request.Options);
    }
}
