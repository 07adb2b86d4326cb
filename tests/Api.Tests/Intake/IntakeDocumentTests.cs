using Actors.Api.Analyses;

namespace Actors.Api.Tests.Intake;

/// <summary>The OpenAPI document describes the submission's file forms beside its JSON body.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class IntakeDocumentTests(ActorsNode node)
{
    [Fact]
    public async Task The_submit_operation_documents_csv_multipart_and_xlsx_bodies_and_their_query_fields()
    {
        var submit = (await node.Anonymous.GetJsonAsync("/openapi/v1.json")).GetProperty("paths").GetProperty("/api/v1/analyses").GetProperty("post");

        var content = submit.GetProperty("requestBody").GetProperty("content");
        Assert.Equal("string", content.GetProperty(UploadReader.Csv).GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("binary", content.GetProperty(UploadReader.Xlsx).GetProperty("schema").GetProperty("format").GetString());
        var form = content.GetProperty(UploadReader.Multipart).GetProperty("schema");
        Assert.Equal("binary", form.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        Assert.Contains("file", form.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(content.GetProperty("application/json").TryGetProperty("schema", out _));
        var query = submit.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("type", query);
        Assert.Contains("separator", query);
        Assert.Contains("sheet", query);
    }
}
