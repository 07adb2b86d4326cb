using Actors.Agents;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;

namespace Actors.Api.Agents;

/// <summary>
/// <c>/api/v1/context</c>: the tenant's business context (industry, goals, KPI definitions, glossary),
/// which every agent prompt includes and every report shows. Bounded so it cannot crowd out the data.
/// </summary>
public static class ContextEndpoints
{
    public const int MaxText = 500;
    public const int MaxName = 100;
    public const int MaxGoals = 10;
    public const int MaxKpis = 20;
    public const int MaxGlossary = 50;

    /// <summary>Longest context as the prompt reads it: a few pages, beside the data and the tools.</summary>
    public const int MaxPromptChars = 8_000;

    public static IEndpointRouteBuilder MapBusinessContext(this IEndpointRouteBuilder app)
    {
        var context = app.MapGroup("/api/v1/context").WithTags("Agents");
        context.MapGet("/", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("The tenant's business context").WithDescription("What every agent prompt includes about the business.")
            .Produces<ContextResponse>();
        context.MapPut("/", Put).RequireAuthorization(Scopes.Admin).Audited("context.put")
            .WithSummary("Set the tenant's business context")
            .WithDescription($"Industry, up to {MaxGoals} goals, {MaxKpis} KPI definitions and {MaxGlossary} glossary entries, each text at most {MaxText} characters and {MaxPromptChars} in all. An empty body clears it.")
            .Produces<ContextResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(ContextResponse.From(await cluster.GetGrain<ITenantContext>(http.User.GetTenantId()).Get()));

    private static async Task<IResult> Put(HttpContext http, IClusterClient cluster, ContextRequest? body)
    {
        if (body is null)
        {
            return Problem.Validation("Send the context as a JSON object.", new Dictionary<string, string[]> { [""] = ["Expected an object."] });
        }
        var errors = new Dictionary<string, string[]>();
        Bounded(errors, "industry", body.Industry, MaxName, required: false);
        Count(errors, "goals", body.Goals, MaxGoals);
        Count(errors, "kpis", body.Kpis, MaxKpis);
        Count(errors, "glossary", body.Glossary, MaxGlossary);
        foreach (var (goal, i) in (body.Goals ?? []).Take(MaxGoals).Select((g, i) => (g, i)))
        {
            Bounded(errors, $"goals[{i}]", goal, MaxText);
        }
        foreach (var (kpi, i) in (body.Kpis ?? []).Take(MaxKpis).Select((k, i) => (k, i)))
        {
            Bounded(errors, $"kpis[{i}].name", kpi?.Name, MaxName);
            Bounded(errors, $"kpis[{i}].definition", kpi?.Definition, MaxText);
        }
        foreach (var (entry, i) in (body.Glossary ?? []).Take(MaxGlossary).Select((e, i) => (e, i)))
        {
            Bounded(errors, $"glossary[{i}].term", entry?.Term, MaxName);
            Bounded(errors, $"glossary[{i}].meaning", entry?.Meaning, MaxText);
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("The business context is not valid; see errors.", errors);
        }
        var context = new BusinessContext(
            string.IsNullOrWhiteSpace(body.Industry) ? null : body.Industry.Trim(),
            [.. (body.Goals ?? []).Select(g => g!.Trim())],
            [.. (body.Kpis ?? []).Select(k => new KpiDefinition(k!.Name!.Trim(), k.Definition!.Trim()))],
            [.. (body.Glossary ?? []).Select(e => new GlossaryEntry(e!.Term!.Trim(), e.Meaning!.Trim()))],
            null);
        if (BusinessContextPrompt.Render(context) is { Length: > MaxPromptChars } prompt)
        {
            return Problem.Validation("The business context is too long.", new Dictionary<string, string[]>
            {
                [""] = [$"At most {MaxPromptChars} characters in all; this one is {prompt.Length}."],
            });
        }
        var saved = await cluster.GetGrain<ITenantContext>(http.User.GetTenantId()).Put(context);
        return TypedResults.Ok(ContextResponse.From(saved));
    }

    private static void Count<T>(Dictionary<string, string[]> errors, string field, IReadOnlyList<T>? items, int max)
    {
        if (items is { } list && list.Count > max)
        {
            errors[field] = [$"At most {max} items."];
        }
    }

    private static void Bounded(Dictionary<string, string[]> errors, string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = ["Required."];
            }
        }
        else if (value.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }
}

/// <summary>The body of <c>PUT /api/v1/context</c>.</summary>
public sealed record ContextRequest(string? Industry, IReadOnlyList<string?>? Goals, IReadOnlyList<KpiRequest?>? Kpis, IReadOnlyList<GlossaryRequest?>? Glossary);

public sealed record KpiRequest(string? Name, string? Definition);

public sealed record GlossaryRequest(string? Term, string? Meaning);

public sealed record ContextResponse(string? Industry, IReadOnlyList<string> Goals, IReadOnlyList<KpiDefinition> Kpis, IReadOnlyList<GlossaryEntry> Glossary, DateTimeOffset? UpdatedAt)
{
    public static ContextResponse From(BusinessContext context) => new(context.Industry, context.Goals, context.Kpis, context.Glossary, context.UpdatedAt);
}
