using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Api.OpenApi;

/// <summary>Documents inputs an endpoint reads from the request itself (headers, optional query values) rather than binding them.</summary>
public static class OperationParameters
{
    public static TBuilder WithHeaderParameter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithParameter(name, ParameterLocation.Header, description);

    public static TBuilder WithQueryParameter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithParameter(name, ParameterLocation.Query, description);

    private static TBuilder WithParameter<TBuilder>(this TBuilder builder, string name, ParameterLocation location, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = location,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
}
