namespace Actors.Agents;

/// <summary>
/// What a tenant tells its agents about its business: the industry, its goals, how it defines its
/// KPIs and the words it uses. Every agent prompt carries it; the report shows it. Bounded by the API.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Agents.BusinessContext")]
public sealed record BusinessContext(
    [property: Id(0)] string? Industry,
    [property: Id(1)] IReadOnlyList<string> Goals,
    [property: Id(2)] IReadOnlyList<KpiDefinition> Kpis,
    [property: Id(3)] IReadOnlyList<GlossaryEntry> Glossary,
    [property: Id(4)] DateTimeOffset? UpdatedAt)
{
    public static readonly BusinessContext None = new(null, [], [], [], null);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Industry) && Goals.Count == 0 && Kpis.Count == 0 && Glossary.Count == 0;
}

[GenerateSerializer, Immutable, Alias("Actors.Agents.KpiDefinition")]
public sealed record KpiDefinition([property: Id(0)] string Name, [property: Id(1)] string Definition);

[GenerateSerializer, Immutable, Alias("Actors.Agents.GlossaryEntry")]
public sealed record GlossaryEntry([property: Id(0)] string Term, [property: Id(1)] string Meaning);
