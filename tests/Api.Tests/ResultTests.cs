namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class ResultTests(ActorsNode node)
{
    [Fact]
    public async Task The_result_of_a_completed_job_is_the_report()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = await response.ReadJsonAsync();
        Assert.Equal(jobId, report.GetProperty("job_id").GetString());
        Assert.Equal("data_interpretation", report.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(report.GetProperty("summary").GetString()));
        Assert.Equal(JsonValueKind.Array, report.GetProperty("kpis").ValueKind);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("findings").ValueKind);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("recommendations").ValueKind);
        var metrics = report.GetProperty("metrics");
        Assert.Equal(3, metrics.GetProperty("rows").GetInt32());
        var x = metrics.GetProperty("columns").GetProperty("x");
        Assert.Equal("numeric", x.GetProperty("type").GetString());
        foreach (var statistic in new[] { "mean", "std", "min", "max", "median" })
        {
            Assert.Equal(JsonValueKind.Number, x.GetProperty(statistic).ValueKind);
        }
        Assert.Equal(JsonValueKind.Object, report.GetProperty("provenance").ValueKind);
        Assert.Equal(JsonValueKind.Object, report.GetProperty("usage").ValueKind);
    }

    [Fact]
    public async Task The_result_of_a_running_job_is_409_result_not_ready()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);

            using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result");

            await response.AssertProblemAsync(HttpStatusCode.Conflict, "result_not_ready");
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task The_result_of_a_gated_job_is_served_once_its_gate_opens()
    {
        var gate = Gates.NewId();
        var jobId = await node.Demo.SubmitGatedRunningAsync(gate);

        Gates.Open(gate);
        await node.Demo.WaitForStatusAsync(jobId, "completed");

        var report = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
        Assert.Equal("test_gated", report.GetProperty("type").GetString());
        Assert.Equal("gated test analysis", report.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_result_of_a_cancelled_job_is_409_job_cancelled()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);
            using var cancel = await node.Demo.DeleteAsync($"{ApiCalls.Analyses}/{jobId}");
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

            using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{jobId}/result");

            await response.AssertProblemAsync(HttpStatusCode.Conflict, "job_cancelled");
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task The_result_of_an_unknown_job_is_404_not_found()
    {
        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}/result");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_result_of_another_tenants_job_is_404_not_found()
    {
        var theirJob = await node.Other.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{theirJob}/result");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
