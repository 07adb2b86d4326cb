using Actors.Analytics.Tests.Xlsx;
using Actors.Api.Analyses;

namespace Actors.Api.Tests.Batches;

/// <summary>
/// A batch from one file takes every form a single submit takes (multipart/form-data with a file part, an XLSX
/// body, first sheet or a named one), read by the intake's reader, split by group_by into one item per value.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class BatchFileTests(ActorsNode node)
{
    private const string Batches = "/api/v1/batches";

    private static Workbook Sales() => new Workbook().Sheet("Notes", ["text"], ["not this one"])
        .Sheet("Sales", ["month", "region", "revenue"], [Workbook.Date(45658), "north", 100], [Workbook.Date(45689), "south", 120],
            [Workbook.Date(45717), "north", 135], [Workbook.Date(45748), "east", 160], [Workbook.Date(45778), "north", 150]);

    private async Task<HttpResponseMessage> PostAsync(HttpContent content, string query = "") =>
        await node.Demo.PostAsync(Batches + query, content);

    /// <summary>Submits, follows the batch to its end and answers its items and its JSON results.</summary>
    private async Task<(JsonElement Items, JsonElement Results)> RunAsync(HttpContent content, string query = "")
    {
        using var response = await PostAsync(content, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202 for a batch file, got {(int)response.StatusCode}: {body}");
        var batchId = JsonDocument.Parse(body).RootElement.GetProperty("batch_id").GetString()!;
        await using (var stream = await SseReader.OpenAsync(node.Demo, $"{Batches}/{batchId}/events", null))
        {
            await stream.ReadEventsUntilAsync(e => e.Event is "completed" or "cancelled", $"batch {batchId} to finish");
        }
        return ((await node.Demo.GetJsonAsync($"{Batches}/{batchId}/items")).GetProperty("items"), await node.Demo.GetJsonAsync($"{Batches}/{batchId}/results"));
    }

    private static int Rows(JsonElement result)
    {
        Assert.Equal("completed", result.GetProperty("status").GetString());
        return result.GetProperty("report").GetProperty("metrics").GetProperty("rows").GetInt32();
    }

    [Fact]
    public async Task A_multipart_file_part_with_form_fields_makes_one_item_per_group_value()
    {
        // Semicolons, detected by the intake's reader as for a single submit.
        const string csv = "store;month;revenue\nnorth;1;100\nsouth;1;80\nnorth;2;120\nsouth;2;90\nnorth;3;140\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("data_interpretation"), "type" },
            { new StringContent("store"), "group_by" },
            { new StringContent("low"), "priority" },
            { Bodies.File(Encoding.UTF8.GetBytes(csv), "text/csv"), "file", "stores.csv" },
        };

        var (items, results) = await RunAsync(form);

        Assert.Equal(["north", "south"], items.EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.Equal([3, 2], results.EnumerateArray().Select(Rows));
        var job = await node.Demo.StatusAsync(items[0].GetProperty("job_id").GetString()!);
        Assert.Equal("low", job.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task An_xlsx_body_splits_its_named_sheet_by_a_column_given_in_the_query()
    {
        var (items, results) = await RunAsync(Bodies.File(Sales().ToBytes(), UploadReader.Xlsx), "?type=data_interpretation&sheet=Sales&group_by=region");

        Assert.Equal(["north", "south", "east"], items.EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.Equal([3, 1, 1], results.EnumerateArray().Select(Rows));
        // The month column came through as dates, not spreadsheet serial numbers.
        var columns = results[0].GetProperty("report").GetProperty("metrics").GetProperty("columns").GetRawText();
        Assert.Contains("\"month\"", columns);
    }

    [Fact]
    public async Task A_multipart_workbook_without_group_by_is_one_item_of_its_first_sheet()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("data_interpretation"), "type" },
            { Bodies.File(Sales().ToBytes(), "application/octet-stream"), "file", "sales.xlsx" },
        };

        var (items, results) = await RunAsync(form);

        Assert.Equal(1, items.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("key").ValueKind);
        // The first sheet is Notes: one row.
        Assert.Equal(1, Rows(results[0]));
    }

    [Fact]
    public async Task A_group_by_column_the_sheet_lacks_is_422_naming_its_columns()
    {
        using var response = await PostAsync(Bodies.File(Sales().ToBytes(), UploadReader.Xlsx), "?type=data_interpretation&sheet=Sales&group_by=store");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_data");
        Assert.Contains("month, region, revenue", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_file_batch_without_a_type_is_422_naming_the_field()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("region"), "group_by" },
            { Bodies.File(Sales().ToBytes(), UploadReader.Xlsx), "file", "sales.xlsx" },
        };

        using var response = await PostAsync(form);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_sheet_named_for_a_csv_file_is_refused_as_for_a_single_submit()
    {
        using var response = await PostAsync(new StringContent("store,revenue\nnorth,1\n", Encoding.UTF8, "text/csv"), "?type=data_interpretation&sheet=Sales");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("sheet", out _), problem.GetRawText());
    }
}
