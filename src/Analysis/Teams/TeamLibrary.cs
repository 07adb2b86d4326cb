using System.Reflection;

namespace Actors.Teams;

/// <summary>The team templates shipped with Actors (<c>Teams/Templates/*.json</c>), one per analysis type, named after it.</summary>
public static class TeamLibrary
{
    private static readonly Lazy<IReadOnlyDictionary<string, TeamTemplate>> Templates = new(Load);

    public static IReadOnlyDictionary<string, TeamTemplate> BuiltIn => Templates.Value;

    /// <summary>The shipped team for an analysis type, or null when none is shipped (a test type, say).</summary>
    public static TeamTemplate? For(string analysisType) =>
        BuiltIn.Values.FirstOrDefault(t => t.AnalysisType == analysisType && t.Name == analysisType);

    private static IReadOnlyDictionary<string, TeamTemplate> Load()
    {
        var assembly = typeof(TeamLibrary).Assembly;
        var templates = new Dictionary<string, TeamTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Actors.Teams.Templates.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var template = TeamTemplate.Parse(reader.ReadToEnd());
            templates[template.Name] = template;
        }
        return templates;
    }
}
