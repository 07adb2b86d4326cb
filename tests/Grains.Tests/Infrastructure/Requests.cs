namespace Actors.Grains.Tests.Infrastructure;

/// <summary>Builds analysis requests for tests.</summary>
public static class Requests
{
    public const string SmallCsv = "x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n";

    public static AnalysisRequest Csv(string type = "data_interpretation", string csv = SmallCsv, JobPriority priority = JobPriority.Normal,
        IReadOnlyDictionary<string, string>? options = null) =>
        new(type, null, csv, null, options ?? new Dictionary<string, string>(), priority, null, Guid.NewGuid().ToString("N"));

    public static AnalysisRequest Gated(string gate, JobPriority priority = JobPriority.Normal) =>
        Csv("test_gated", priority: priority, options: new Dictionary<string, string> { ["gate"] = gate });

    public static string NewJobId() => "job_" + Guid.NewGuid().ToString("N");

    public static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];
}
