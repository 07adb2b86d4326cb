using Actors.Api.Analyses;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Api.OpenApi;

/// <summary>
/// Documents the submission's file forms beside its JSON body: text/csv and XLSX bodies (the other fields as
/// query parameters) and multipart/form-data (a file part and form fields). The endpoint accepts all of them
/// (its Accepts metadata); this gives each its own schema instead of the JSON body's.
/// </summary>
public static class UploadBodies
{
    private static readonly (string Name, string Description)[] Fields =
    [
        ("type", "The analysis type (required): data_interpretation, trend_analysis, process_analysis, optimization_review or custom_analysis."),
        ("question", "A question in plain words."),
        ("priority", "high, normal (default) or low."),
        ("team", "A team template's name."),
        ("callback_url", "An absolute http(s) URL told about the job's outcome."),
        ("separator", "CSV only: , ; | or tab (also comma, semicolon, pipe); detected from the header line when absent."),
        ("sheet", "XLSX only: the sheet to read; the first when absent."),
        ("options.{name}", "An option, e.g. options.time_field=month (one parameter per option)."),
    ];

    public static readonly string[] ContentTypes = ["application/json", UploadReader.Csv, UploadReader.Tsv, UploadReader.Multipart, UploadReader.Xlsx];

    /// <param name="moreFields">Fields the endpoint takes beside a submission's (a batch's <c>group_by</c>), documented the same way.</param>
    public static TBuilder WithUploadBodies<TBuilder>(this TBuilder builder, params (string Name, string Description)[] moreFields)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            var fields = Fields.Concat(moreFields).ToArray();
            if (operation.RequestBody?.Content is not { } content)
            {
                return Task.CompletedTask;
            }
            var text = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV with a header row, UTF-8." };
            content[UploadReader.Csv] = new OpenApiMediaType { Schema = text };
            content[UploadReader.Tsv] = new OpenApiMediaType { Schema = text };
            content[UploadReader.Xlsx] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "An XLSX workbook." } };
            var form = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file", "type" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The data: CSV (any supported separator) or an XLSX workbook (by its type or a .xlsx name)." },
                },
            };
            foreach (var (name, description) in fields)
            {
                form.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String, Description = description };
            }
            content[UploadReader.Multipart] = new OpenApiMediaType { Schema = form };
            operation.Parameters ??= [];
            foreach (var (name, description) in fields)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = $"With a text/csv or XLSX body (or beside multipart form fields): {description}",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        });
}
