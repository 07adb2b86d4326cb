using System.Text.RegularExpressions;

namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed partial class SubmitTests(ActorsNode node)
{
    [GeneratedRegex("^job_[0-9a-f]{32}$")]
    private static partial Regex JobIdShape();

    [Fact]
    public async Task Submitting_records_is_202_with_the_job_id_status_queue_position_and_links()
    {
        var records = new[] { new { x = 1, y = 2 }, new { x = 2, y = 4 }, new { x = 3, y = 7 } };

        using var response = await node.Demo.SubmitAsync(Bodies.Records(records));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var jobId = body.GetProperty("job_id").GetString()!;
        Assert.Matches(JobIdShape(), jobId);
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "queued", "running", "completed" });
        Assert.True(body.GetProperty("position_in_queue").GetInt32() >= 0);
        var statusUrl = $"/api/v1/analyses/{jobId}";
        Assert.Equal(statusUrl, body.GetProperty("status_url").GetString());
        Assert.Equal($"{statusUrl}/events", body.GetProperty("events_url").GetString());
        Assert.Equal($"{statusUrl}/result", body.GetProperty("result_url").GetString());
        Assert.Equal(statusUrl, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Submitting_csv_is_202_and_the_links_resolve_to_the_job()
    {
        using var response = await node.Demo.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var jobId = body.GetProperty("job_id").GetString()!;
        Assert.Matches(JobIdShape(), jobId);
        var status = await node.Demo.GetJsonAsync(body.GetProperty("status_url").GetString()!);
        Assert.Equal(jobId, status.GetProperty("job_id").GetString());
        Assert.Equal("data_interpretation", status.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Each_submission_without_an_idempotency_key_creates_a_new_job()
    {
        var first = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        var second = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        Assert.NotEqual(first, second);
    }
}
