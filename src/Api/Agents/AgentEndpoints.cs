using Actors.Agents;
using Actors.Analyses;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Teams;

namespace Actors.Api.Agents;

/// <summary><c>/api/v1/agents</c>: read the tenant's agents, override a built-in one or add its own.</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents").WithTags("Agents");
        agents.MapGet("/", List).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("List the tenant's agents").WithDescription("The built-in agents (or the tenant's overrides of them) and its own, with their usage.")
            .Produces<List<AgentResponse>>();
        agents.MapGet("/{name}", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read an agent").Produces<AgentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapPut("/{name}", Put).RequireAuthorization(Scopes.Admin).Audited("agent.put")
            .WithSummary("Override a built-in agent or define one of the tenant's own").WithDescription("Tools must be steps of the analysis types (or review).")
            .Produces<AgentResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> List(HttpContext http, TenantAgentDirectory directory) =>
        TypedResults.Ok((await directory.ListAsync(http.User.GetTenantId())).Select(AgentResponse.From).ToList());

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster, string name)
    {
        var view = TeamValidator.IsAgentName(name) ? await cluster.GetGrain<IAgent>(JobKey.For(http.User.GetTenantId(), name)).Get() : null;
        return view is null ? Problem.NotFound($"No agent '{name}' for this tenant.") : TypedResults.Ok(AgentResponse.From(view));
    }

    private static async Task<IResult> Put(HttpContext http, IClusterClient cluster, AnalysisCatalog catalog, string name, AgentRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TeamValidator.IsAgentName(name))
        {
            errors["name"] = ["1 to 64 characters of a-z, 0-9 and _."];
        }
        if (body is null)
        {
            return Problem.Validation("Send the agent as a JSON object.", new Dictionary<string, string[]> { [""] = ["Expected an object."] });
        }
        Require(errors, "role", body.Role, 200);
        Require(errors, "goal", body.Goal, 1_000);
        Require(errors, "instructions", body.Instructions, 8_000);
        var known = catalog.ToolNames.Append(TeamValidator.ReviewTool).ToHashSet(StringComparer.Ordinal);
        if (body.Tools is not { Count: > 0 })
        {
            errors["tools"] = ["At least one tool."];
        }
        else if (body.Tools.Where(t => !known.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            errors["tools"] = [$"Unknown tools: {string.Join(", ", unknown)}. Known: {string.Join(", ", known.Order())}."];
        }
        if (body.ModelPreference is { Length: > 200 })
        {
            errors["model_preference"] = ["At most 200 characters."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("The agent is not valid; see errors.", errors);
        }

        var tenantId = http.User.GetTenantId();
        if (!await cluster.GetGrain<ITenantAgents>(tenantId).Add(name))
        {
            return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.LimitReached, "Too many agents",
                $"A tenant may define at most {ITenantAgents.MaxAgents} agents of its own.");
        }
        var definition = new AgentDefinition(name, body.Role!, body.Goal!, body.Instructions!, body.Tools!.Distinct().ToList(), body.ModelPreference);
        var view = await cluster.GetGrain<IAgent>(JobKey.For(tenantId, name)).Put(definition);
        return TypedResults.Ok(AgentResponse.From(view));
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
        else if (value.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }
}
