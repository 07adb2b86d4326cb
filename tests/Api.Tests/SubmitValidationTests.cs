namespace Actors.Api.Tests;

/// <summary>Everything a caller can get wrong in a submission is a 4xx problem, never a 500.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class SubmitValidationTests(ActorsNode node)
{
    [Fact]
    public async Task Malformed_JSON_is_400_invalid_json()
    {
        using var response = await node.Demo.SubmitAsync("{\"type\": \"data_interpretation\", \"csv\": ");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task An_unknown_type_is_422_unsupported_type_listing_the_supported_types()
    {
        using var response = await node.Demo.SubmitAsync(Bodies.Csv(Bodies.SmallCsv, type: "astrology"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unsupported_type");
        var supported = problem.GetProperty("supported_types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("data_interpretation", supported);
        Assert.DoesNotContain("astrology", supported);
        Assert.Contains("astrology", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_data_is_422_validation_failed_with_an_error_for_data()
    {
        using var response = await node.Demo.SubmitAsync("""{"type":"data_interpretation"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("data", out _), $"errors has no 'data': {problem}");
    }

    [Fact]
    public async Task Both_records_and_csv_is_422_validation_failed()
    {
        using var response = await node.Demo.SubmitAsync("""{"type":"data_interpretation","data":{"records":[{"x":1}]},"csv":"x\n1\n"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("csv", out _), $"errors has no 'csv': {problem}");
    }

    [Fact]
    public async Task Records_that_are_not_an_array_is_422_validation_failed()
    {
        using var response = await node.Demo.SubmitAsync("""{"type":"data_interpretation","data":{"records":{"x":1}}}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("data.records", out _), $"errors has no 'data.records': {problem}");
    }

    [Fact]
    public async Task A_nested_object_in_a_record_is_422_invalid_data_naming_the_row_and_field()
    {
        using var response = await node.Demo.SubmitAsync(
            """{"type":"data_interpretation","data":{"records":[{"x":1,"y":2},{"x":2,"y":{"deep":true}}]}}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_data");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("Row 2", detail);
        Assert.Contains("'y'", detail);
    }

    [Fact]
    public async Task A_ragged_CSV_is_422_invalid_data_naming_the_line()
    {
        using var response = await node.Demo.SubmitAsync(Bodies.Csv("x,y\n1,2\n3\n"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_data");
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_priority_is_422_validation_failed()
    {
        using var response = await node.Demo.SubmitAsync("""{"type":"data_interpretation","csv":"x\n1\n2\n","priority":"urgent"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("priority", out _), $"errors has no 'priority': {problem}");
    }

    [Fact]
    public async Task An_unknown_field_is_422_validation_failed_naming_the_field()
    {
        using var response = await node.Demo.SubmitAsync("""{"type":"data_interpretation","csv":"x\n1\n2\n","colour":"blue"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("colour", out _), $"errors has no 'colour': {problem}");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413_payload_too_large()
    {
        var csv = "x\n" + string.Concat(Enumerable.Repeat("12345\n", (int)(ActorsNode.MaxRequestBodyBytes / 6) + 100));
        var json = Bodies.Csv(csv);
        Assert.True(Encoding.UTF8.GetByteCount(json) > ActorsNode.MaxRequestBodyBytes);

        using var response = await node.Demo.SubmitAsync(json);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_content_is_415_unsupported_media_type()
    {
        using var content = new StringContent(Bodies.Csv(Bodies.SmallCsv), Encoding.UTF8, "text/plain");

        using var response = await node.Demo.PostAsync(ApiCalls.Analyses, content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_422_validation_failed()
    {
        using var response = await node.Demo.SubmitAsync("[1,2,3]");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }
}
