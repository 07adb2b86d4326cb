namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class StatusTests(ActorsNode node)
{
    [Fact]
    public async Task The_status_of_a_completed_job_has_every_field_filled_in()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        var status = await node.Demo.StatusAsync(jobId);

        Assert.Equal(jobId, status.GetProperty("job_id").GetString());
        Assert.Equal("data_interpretation", status.GetProperty("type").GetString());
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(100, status.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.String, status.GetProperty("current_step").ValueKind);
        Assert.Equal(1, status.GetProperty("attempts").GetInt32());
        var created = status.GetProperty("created_at").GetDateTimeOffset();
        var started = status.GetProperty("started_at").GetDateTimeOffset();
        var completed = status.GetProperty("completed_at").GetDateTimeOffset();
        Assert.True(created <= started && started <= completed, $"Expected created ≤ started ≤ completed: {status}");
    }

    [Fact]
    public async Task The_status_of_a_running_job_is_running_without_a_completion_time()
    {
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);

            var status = await node.Demo.StatusAsync(jobId);

            Assert.Equal("running", status.GetProperty("status").GetString());
            Assert.Equal("wait", status.GetProperty("current_step").GetString());
            Assert.Equal(JsonValueKind.String, status.GetProperty("started_at").ValueKind);
            Assert.Equal(JsonValueKind.Null, status.GetProperty("completed_at").ValueKind);
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task An_unknown_job_id_is_404_not_found()
    {
        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/job_{Guid.NewGuid():N}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("job.with.dots")]
    [InlineData("job%20space")]
    [InlineData("job_0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_malformed_job_id_is_404_not_found(string id)
    {
        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Another_tenants_job_is_404_not_found_rather_than_403()
    {
        var theirJob = await node.Other.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await node.Demo.GetAsync($"{ApiCalls.Analyses}/{theirJob}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(theirJob, (await node.Other.StatusAsync(theirJob)).GetProperty("job_id").GetString());
    }
}
