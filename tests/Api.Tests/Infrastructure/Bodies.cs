namespace Actors.Api.Tests.Infrastructure;

/// <summary>Submission bodies.</summary>
public static class Bodies
{
    public const string SmallCsv = "x,y\n1,2\n2,4\n3,7\n";

    public static string Csv(string csv, string type = "data_interpretation") =>
        JsonSerializer.Serialize(new { type, csv });

    /// <summary>A job whose team's agent steps are off (<c>options.agents=false</c>): the narrative is its only LLM call.</summary>
    public static string CsvWithoutAgents(string csv, string type = "data_interpretation") =>
        JsonSerializer.Serialize(new { type, csv, options = new { agents = false } });

    public static string Records(object records, string type = "data_interpretation") =>
        JsonSerializer.Serialize(new { type, data = new { records } });

    /// <summary>A <see cref="GatedAnalysis"/> job that blocks until <see cref="Gates.Open"/> is called for <paramref name="gate"/>.</summary>
    public static string Gated(string gate) =>
        JsonSerializer.Serialize(new { type = GatedAnalysis.AnalysisType, csv = SmallCsv, options = new Dictionary<string, string> { [GatedAnalysis.GateOption] = gate } });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A file's bytes as a body or a multipart part, with the content type as given (unvalidated, so tests can send odd ones).</summary>
    public static ByteArrayContent File(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
