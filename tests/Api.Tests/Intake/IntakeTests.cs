using System.Net.Http.Headers;
using Actors.Analytics.Tests.Xlsx;
using Actors.Api.Analyses;

namespace Actors.Api.Tests.Intake;

/// <summary>
/// POST /api/v1/analyses takes the data as a file too: text/csv (fields as query parameters), multipart/form-data
/// (a file part and form fields) and XLSX, with the same validation, idempotency and 202 answer as JSON.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class IntakeTests(ActorsNode node)
{
    private const string Sales = "month,region,revenue\n2025-01-01,north,100\n2025-02-01,south,120\n2025-03-01,north,135\n2025-04-01,east,160\n";

    private Task<HttpResponseMessage> PostAsync(HttpContent content, string query, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{ApiCalls.Analyses}?{query}") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return node.Demo.SendAsync(request);
    }

    private async Task<string> AcceptedAsync(HttpContent content, string query, string? idempotencyKey = null)
    {
        using var response = await PostAsync(content, query, idempotencyKey);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal($"/api/v1/analyses/{answer.GetProperty("job_id").GetString()}", response.Headers.Location?.OriginalString);
        return answer.GetProperty("job_id").GetString()!;
    }

    /// <summary>Runs the job to completion and returns its data_interpretation metrics (rows, column_count, columns).</summary>
    private async Task<JsonElement> MetricsAsync(string jobId)
    {
        await node.Demo.WaitForStatusAsync(jobId, "completed");
        return (await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result")).GetProperty("metrics");
    }

    private static void AssertSalesTable(JsonElement metrics)
    {
        Assert.Equal(4, metrics.GetProperty("rows").GetInt32());
        Assert.Equal(3, metrics.GetProperty("column_count").GetInt32());
        var columns = metrics.GetProperty("columns").GetRawText();
        Assert.Contains("\"region\"", columns);
        Assert.Contains("\"revenue\"", columns);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task A_text_csv_body_with_any_separator_is_detected_and_analysed(char separator)
    {
        var csv = Sales.Replace(',', separator);

        var jobId = await AcceptedAsync(Bodies.File(Encoding.UTF8.GetBytes(csv), "text/csv"), "type=data_interpretation&priority=high");

        AssertSalesTable(await MetricsAsync(jobId));
    }

    [Fact]
    public async Task A_named_separator_overrides_detection()
    {
        // Detection would pick the commas inside the values; the caller says semicolons.
        const string csv = "name;note\na;x,y,z\nb;p,q,r\nc;s,t,u\n";

        var jobId = await AcceptedAsync(Bodies.File(Encoding.UTF8.GetBytes(csv), "text/csv"), "type=data_interpretation&separator=%3B");

        var metrics = await MetricsAsync(jobId);
        Assert.Equal(2, metrics.GetProperty("column_count").GetInt32());
        Assert.Equal(3, metrics.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_query_parameters_are_the_json_bodys_fields_and_are_validated_the_same_way()
    {
        using var unknownType = await PostAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), "type=nope");
        using var badPriority = await PostAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), "type=data_interpretation&priority=urgent");
        using var unknownField = await PostAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), "type=data_interpretation&colour=red");
        using var noType = await PostAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), "question=why");

        await unknownType.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unsupported_type");
        var priority = await badPriority.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(priority.GetProperty("errors").TryGetProperty("priority", out _));
        var unknown = await unknownField.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("colour", out _));
        var missing = await noType.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(missing.GetProperty("errors").TryGetProperty("type", out _));
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_same_job_for_the_same_upload_and_refuses_another()
    {
        var key = $"intake-{Guid.NewGuid():N}";
        const string query = "type=data_interpretation&question=Which%20region%3F&options.category_field=region";

        var first = await AcceptedAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), query, key);
        var again = await AcceptedAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), query, key);
        using var otherOptions = await PostAsync(Bodies.File(Encoding.UTF8.GetBytes(Sales), "text/csv"), query.Replace("region", "month"), key);

        Assert.Equal(first, again);
        await otherOptions.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task A_multipart_upload_takes_the_file_part_and_form_fields()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("data_interpretation"), "type" },
            { new StringContent("What drives revenue?"), "question" },
            { new StringContent("low"), "priority" },
            { Bodies.File(Encoding.UTF8.GetBytes(Sales.Replace(',', ';')), "text/csv"), "file", "sales.csv" },
        };

        var jobId = await AcceptedAsync(form, "");

        AssertSalesTable(await MetricsAsync(jobId));
    }

    [Fact]
    public async Task A_multipart_upload_of_a_workbook_reads_its_sheet()
    {
        var workbook = new Workbook().Sheet("Notes", ["text"], ["not this one"])
            .Sheet("Sales", ["month", "region", "revenue"], [Workbook.Date(45658), "north", 100], [Workbook.Date(45689), "south", 120],
                [Workbook.Date(45717), "north", 135], [Workbook.Date(45748), "east", 160]);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("data_interpretation"), "type" },
            { new StringContent("Sales"), "sheet" },
            { Bodies.File(workbook.ToBytes(), "application/octet-stream"), "file", "sales.xlsx" },
        };

        var jobId = await AcceptedAsync(form, "");

        AssertSalesTable(await MetricsAsync(jobId));
    }

    [Fact]
    public async Task An_xlsx_body_is_read_from_its_first_sheet_with_fields_in_the_query()
    {
        var workbook = new Workbook().Sheet("Sales", ["month", "revenue"],
            [Workbook.Date(45658), 100], [Workbook.Date(45689), 108], [Workbook.Date(45717), 115], [Workbook.Date(45748), 131], [Workbook.Date(45778), 129], [Workbook.Date(45809), 140]);

        var jobId = await AcceptedAsync(Bodies.File(workbook.ToBytes(), UploadReader.Xlsx), "type=trend_analysis");

        await node.Demo.WaitForStatusAsync(jobId, "completed");
        var report = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
        // The dates came through as dates: the trend has a monthly series of revenue.
        Assert.True(report.GetProperty("metrics").GetProperty("series").TryGetProperty("revenue", out _), report.GetRawText());
    }

    [Fact]
    public async Task The_readme_sample_submits_as_text_csv()
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(Repository.PathOf(), "samples", "sales.csv"));

        var jobId = await AcceptedAsync(Bodies.File(sample, "text/csv"), "type=trend_analysis&question=How%20are%20sales%20trending%3F&priority=high");

        await node.Demo.WaitForStatusAsync(jobId, "completed");
    }
}
