using System.Text.RegularExpressions;
using Actors.Api.Tests.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json describes every API endpoint the node actually maps.</summary>
[Collection(OperatorNodeCollection.Name)]
public sealed partial class OpenApiDocumentTests(OperatorNode node)
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var client = node.NewClient();
        return await client.GetJsonAsync("/openapi/v1.json");
    }

    /// <summary>Every mapped endpoint under /api/v1 and /health, as (OpenAPI path, lowercase method).</summary>
    private List<(string Path, string Method)> MappedOperations()
    {
        var operations = new List<(string, string)>();
        foreach (var endpoint in node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) && !path.StartsWith("/health/", StringComparison.Ordinal))
            {
                continue;
            }
            // Health checks answer any method; GET is what they are for.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            operations.AddRange(methods.Select(m => (path, m.ToLowerInvariant())));
        }
        return operations;
    }

    /// <summary><c>/api/v1/analyses/</c> → <c>/api/v1/analyses</c>; <c>{id:int}</c> → <c>{id}</c>; <c>{**path}</c> → <c>{path}</c>.</summary>
    private static string OpenApiPath(string template)
    {
        var path = "/" + template.Trim('/');
        return RouteParameter().Replace(path, m => "{" + m.Groups["name"].Value + "}");
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task The_document_is_OpenAPI_3()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("Actors API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_mapped_API_and_health_endpoint_is_in_the_document_with_its_method()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var mapped = MappedOperations();

        Assert.Contains(mapped, o => o.Path == "/api/v1/analyses/{id}/events");
        Assert.Contains(mapped, o => o.Path == "/health/ready");
        var missing = mapped.Where(o => !(paths.TryGetProperty(o.Path, out var item) && item.TryGetProperty(o.Method, out _))).ToList();
        Assert.True(missing.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", missing.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")));
    }

    [Fact]
    public async Task Every_API_operation_requires_the_API_key_scheme_and_documents_a_4xx_problem()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-API-Key", scheme.GetProperty("name").GetString());

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is not "parameters" and not "summary" and not "description")
                .Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();
        Assert.NotEmpty(operations);
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("ApiKey", out _)),
                $"{name} has no ApiKey security requirement");
            var problems = operation.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name.StartsWith('4') && r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _))
                .ToList();
            Assert.True(problems.Count > 0, $"{name} documents no 4xx application/problem+json response");
        }
    }

    [Fact]
    public async Task The_problem_schema_documents_code_and_request_id()
    {
        var problem = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");

        var properties = problem.GetProperty("properties");
        foreach (var member in new[] { "type", "title", "status", "detail", "instance", "code", "request_id" })
        {
            Assert.True(properties.TryGetProperty(member, out _), $"The problem schema has no '{member}'");
        }
        var required = problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("code", required);
        Assert.Contains("request_id", required);
    }

    [Fact]
    public async Task Bodies_and_answers_have_schemas_and_the_event_stream_is_text_event_stream()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var submit = paths.GetProperty("/api/v1/analyses").GetProperty("post");
        Assert.True(submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        Assert.True(submit.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        var events = paths.GetProperty("/api/v1/analyses/{id}/events").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(events.TryGetProperty("text/event-stream", out _));
        var status = paths.GetProperty("/api/v1/analyses/{id}").GetProperty("get").GetProperty("responses");
        Assert.True(status.GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        Assert.True(status.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }
}
