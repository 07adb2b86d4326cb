using Actors.Analytics.Tests.Xlsx;
using Actors.Api.Analyses;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// Issue 24 item 1: rows × columns is bounded while the data is parsed, in every form it comes in; the
/// sparse-records body that once became a dense table of every record by every name is refused at submit.
/// </summary>
public sealed class TableLimitTests(TableLimitNode node) : IClassFixture<TableLimitNode>
{
    /// <summary>Every record has one field, drawn from <paramref name="names"/> names: rows × names cells once dense.</summary>
    private static string SparseRecords(int records, int names) =>
        Bodies.Records(Enumerable.Range(0, records).Select(i => new Dictionary<string, int> { [$"field_{i * 7 % names}"] = i }).ToArray());

    private static string WideCsv(int rows, int columns, char separator = ',') =>
        string.Join(separator, Enumerable.Range(0, columns).Select(c => $"c{c}")) + "\n"
        + string.Concat(Enumerable.Range(0, rows).Select(r => string.Join(separator, Enumerable.Range(0, columns).Select(c => r + c)) + "\n"));

    private Task<HttpResponseMessage> PostAsync(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return node.Client.PostAsync($"{ApiCalls.Analyses}?type=data_interpretation", content);
    }

    [Fact]
    public async Task Sparse_records_are_422_too_many_cells_before_a_dense_table_is_built_naming_the_limit_and_its_figure()
    {
        using var response = await node.Client.SubmitAsync(SparseRecords(TableLimitNode.MaxRecords, TableLimitNode.MaxColumns));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_cells");
        var detail = problem.GetProperty("detail").GetString()!;
        // 1,000 rows × 3 columns is the first table over 2,000 cells.
        Assert.Contains("1000 rows × 3 columns make 3000 cells", detail);
        Assert.Contains($"at most {TableLimitNode.MaxCells}", detail);
        Assert.Equal(TableLimitNode.MaxCells, problem.GetProperty("limit").GetInt32());
        Assert.Equal(3_000, problem.GetProperty("cells").GetInt32());
    }

    [Fact]
    public async Task Records_whose_rows_times_columns_fit_are_accepted()
    {
        var jobId = await node.Client.SubmitAcceptedAsync(SparseRecords(TableLimitNode.MaxCells / 2, 2));

        await node.Client.WaitForStatusAsync(jobId, "completed");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/csv")]
    [InlineData("semicolons")]
    [InlineData(UploadReader.Xlsx)]
    public async Task A_wide_table_over_the_cells_limit_is_422_in_every_form(string form)
    {
        using var response = form switch
        {
            "application/json" => await node.Client.SubmitAsync(Bodies.Csv(WideCsv(100, 21))),
            "text/csv" => await PostAsync(Encoding.UTF8.GetBytes(WideCsv(100, 21)), "text/csv"),
            "semicolons" => await PostAsync(Encoding.UTF8.GetBytes(WideCsv(100, 21, ';')), "text/csv"),
            _ => await PostAsync(new Workbook().Sheet("S", [.. Enumerable.Range(0, 101).Select(r => Enumerable.Range(0, 21).Select(c => r == 0 ? (object?)$"c{c}" : r + c).ToArray())]).ToBytes(), form),
        };

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_cells");
        Assert.Contains("Row 96", problem.GetProperty("detail").GetString()!); // 96 × 21 = 2,016 > 2,000
    }
}
