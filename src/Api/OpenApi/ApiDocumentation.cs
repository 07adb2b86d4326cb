using Actors.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Actors.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.
/// Endpoints describe their own bodies and answers; this adds what is common to all of them: the
/// API key scheme on every operation that needs a key, its 401 and 403 problems, the problem
/// document's <c>code</c> and <c>request_id</c> members, and the health endpoints (which are not minimal APIs).
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string ReferencePath = "/docs";
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The component name ASP.NET Core gives the problem schema of <c>ProducesProblem</c>.</summary>
    private const string ProblemSchema = nameof(ProblemDetails);

    private static readonly Dictionary<string, string> HealthSummaries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/health/live"] = "Liveness: the process answers",
        ["/health/ready"] = "Readiness: the cluster answers and has an active silo",
    };

    public static IServiceCollection AddActorsApiDocumentation(this IServiceCollection services)
    {
        services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.AddDocumentTransformer(DescribeDocument);
            options.AddDocumentTransformer(DescribeHealthEndpoints);
            options.AddOperationTransformer(RequireApiKey);
            options.AddSchemaTransformer(DescribeProblem);
            options.AddSchemaTransformer(WireEnums.Describe);
        });
        return services;
    }

    /// <summary>
    /// Scalar, serving its script from this node (it is embedded in the package) and without the fonts,
    /// telemetry and hosted services it would otherwise fetch from its CDN: the reference works offline.
    /// </summary>
    public static IEndpointConventionBuilder MapActorsApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Actors API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(ApiKeyScheme)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp())
            .ExcludeFromDescription();

    private static async Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Actors API",
            Version = DocumentName,
            Description =
                "Submit data and a question; the analysis runs as a durable job whose progress streams over Server-Sent Events. " +
                $"Every /api/v1 call needs an API key in the {ApiKeyAuthenticationHandler.Header} header, or a user's JWT as a bearer token " +
                "(roles admin, analyst, viewer map onto the keys' scopes). " +
                "Errors are RFC 7807 problem documents (application/problem+json) with a stable `code` (docs/errors.md lists them) " +
                "and the `request_id`, which every response also carries in X-Request-ID.",
        };
        // No servers: the document is the same wherever it is served (docs/openapi.json is a committed copy),
        // and clients resolve its paths against the address they fetched it from.
        document.Servers = null;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.Header,
            Description = "A tenant's API key. Its scopes (analyses:read, analyses:write, admin) decide what it may call; the platform operator's key has platform:admin.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A user's token from the tenant's identity provider (Actors:Auth:Jwt). Its roles decide what it may call: admin (everything of the tenant), analyst (submit and read), viewer (read).",
        };
        // Operations refer to it by name; it exists only if some endpoint declared a problem itself.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Operations that need a key get the scheme and the 401 and 403 problems authentication answers with.</summary>
    private static Task RequireApiKey(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorization = metadata.OfType<IAuthorizeData>().ToList();
        if (authorization.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }
        var policies = authorization.Select(a => a.Policy).OfType<string>().Distinct().ToList();
        operation.Security ??= [];
        // Two requirements: either credential will do.
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [],
        });
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
        });
        if (policies.Count > 0)
        {
            var scopes = $"Needs a key with scope {string.Join(" or ", policies)}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? scopes : $"{operation.Description}\n\n{scopes}";
        }

        var problem = new OpenApiSchemaReference(ProblemSchema, context.Document);
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", ProblemResponse("No credentials, or the key is unknown, revoked or expired, or the token is not valid (code unauthorized).", problem));
        operation.Responses.TryAdd("403", ProblemResponse("The key or the user's roles lack the scope this operation needs (code forbidden), or the tenant is suspended (code tenant_suspended).", problem));
        return Task.CompletedTask;
    }

    private static OpenApiResponse ProblemResponse(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemContentType] = new() { Schema = schema } },
    };

    /// <summary>The members every Actors problem adds to RFC 7807's.</summary>
    private static Task DescribeProblem(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            return Task.CompletedTask;
        }
        schema.Description = "An RFC 7807 problem document. `type` is urn:actors:problem:<code>.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "A stable, machine-readable error code; docs/errors.md lists every code with its status.",
        };
        schema.Properties["request_id"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The request's id, also in the X-Request-ID response header; quote it when reporting a problem.",
        };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Validation problems only: field name to messages.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add("code");
        schema.Required.Add("request_id");
        return Task.CompletedTask;
    }

    /// <summary>Health checks are mapped as plain request delegates, which API descriptions skip; describe them from the routes.</summary>
    private static Task DescribeHealthEndpoints(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints;
        document.Paths ??= [];
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            if (!path.StartsWith("/health", StringComparison.OrdinalIgnoreCase) || document.Paths.ContainsKey(path))
            {
                continue;
            }
            var operation = new OpenApiOperation
            {
                Summary = HealthSummaries.GetValueOrDefault(path, "Health check"),
                Description = "No API key needed. The body is the status as plain text: Healthy, Degraded or Unhealthy.",
                Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                Responses = new OpenApiResponses
                {
                    ["200"] = PlainText("Healthy (or Degraded).", "Healthy"),
                    ["503"] = PlainText("Unhealthy.", "Unhealthy"),
                },
            };
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation },
            };
        }
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == "Health"))
        {
            document.Tags.Add(new OpenApiTag { Name = "Health", Description = "Liveness and readiness probes." });
        }
        return Task.CompletedTask;
    }

    private static OpenApiResponse PlainText(string description, string example) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create(example)] } },
        },
    };
}
