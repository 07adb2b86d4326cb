namespace Actors.Api.Tests.Hostile;

/// <summary>A batch file is read by the intake's reader, so the table limits hold for the whole file before it is split.</summary>
public sealed class BatchFileLimitTests(TableLimitNode node) : IClassFixture<TableLimitNode>
{
    [Fact]
    public async Task A_batch_file_over_the_cells_limit_is_422_too_many_cells_though_each_group_would_fit()
    {
        // 100 rows × 21 columns: 2,100 cells, over 2,000; each of the 100 groups of c0 would be one row.
        var csv = string.Join(',', Enumerable.Range(0, 21).Select(c => $"c{c}")) + "\n"
            + string.Concat(Enumerable.Range(0, 100).Select(r => string.Join(',', Enumerable.Range(0, 21).Select(c => r + c)) + "\n"));

        using var response = await node.Client.PostAsync("/api/v1/batches?type=data_interpretation&group_by=c0",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_cells");
        Assert.Equal(TableLimitNode.MaxCells, problem.GetProperty("limit").GetInt32());
    }
}
