using System.Text.Json;
using Actors.Analyses;
using Actors.Api.Agents;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Limits;
using Actors.Api.OpenApi;
using Actors.Api.Problems;
using Actors.Teams;

namespace Actors.Api.Teams;

/// <summary><c>/api/v1/teams</c>: the shipped team templates and the tenant's own.</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/v1/teams").WithTags("Teams");
        teams.MapGet("/", List).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("List team templates").WithDescription("The shipped templates (one per analysis type) and the tenant's own.")
            .Produces<List<TeamResponse>>();
        teams.MapGet("/{name}", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read a team template").Produces<TeamResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapPost("/", Register).RequireAuthorization(Scopes.Admin).Audited("team.register")
            .WithSummary("Register a team template").WithDescription("A template that cannot run is refused with invalid_team, listing every problem in problems.")
            .Accepts<TeamTemplateBody>("application/json").Produces<TeamResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> List(HttpContext http, TeamDirectory teams) =>
        TypedResults.Ok((await teams.ListAsync(http.User.GetTenantId())).Select(t => Describe(t.Template, t.BuiltIn)).ToList());

    private static async Task<IResult> Get(HttpContext http, TeamDirectory teams, string name)
    {
        var team = await teams.FindAsync(http.User.GetTenantId(), name);
        return team is null ? Problem.NotFound($"No team '{name}' for this tenant.") : TypedResults.Ok(Describe(team.Value.Template, team.Value.BuiltIn));
    }

    private static async Task<IResult> Register(HttpContext http, IClusterClient cluster, AnalysisCatalog catalog, TenantAgentDirectory agents, IOptions<InputLimits> limits)
    {
        // Encoding, depth and string lengths first: reading the raw text of bytes that are not UTF-8 would throw.
        var (utf8, refused) = await JsonBody.ReadAsync(http.Request, limits.Value, http.RequestAborted);
        if (refused is not null)
        {
            return refused;
        }
        string json;
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = limits.Value.MaxJsonDepth + 1 });
            json = document.RootElement.GetRawText();
        }
        catch (JsonException ex)
        {
            return Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, "Malformed JSON", $"The body is not valid JSON: {ex.Message}");
        }

        var tenantId = http.User.GetTenantId();
        TeamTemplate template;
        try
        {
            template = TeamTemplate.Parse(json);
            if (TeamLibrary.BuiltIn.ContainsKey(template.Name))
            {
                throw new TeamDefinitionException([$"name '{template.Name}' is a built-in team; choose another name."]);
            }
            TeamValidator.Validate(template, catalog, await agents.ToolsAsync(tenantId));
        }
        catch (TeamDefinitionException ex)
        {
            return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidTeam, "The team template is not valid",
                string.Join(" ", ex.Problems), new Dictionary<string, object?> { ["problems"] = ex.Problems });
        }

        if (!await cluster.GetGrain<ITenantTeams>(tenantId).Put(template.Name, template.ToJson()))
        {
            return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.LimitReached, "Too many teams",
                $"A tenant may register at most {ITenantTeams.MaxTemplates} teams.");
        }
        return TypedResults.Created($"/api/v1/teams/{template.Name}", Describe(template, builtIn: false));
    }

    private static JsonElement Describe(TeamTemplate template, bool builtIn)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(template.ToJson())!.AsObject();
        node["built_in"] = builtIn;
        return JsonSerializer.SerializeToElement(node);
    }
}
