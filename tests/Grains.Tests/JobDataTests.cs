using System.Text;
using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests;

/// <summary>
/// Large submitted data lives apart from the job's state (small data rides in it: every other job test). A completed
/// job keeps it for its input retention, and then it is erased: <see cref="JobInputRetentionTests"/>.
/// </summary>
[Collection(JobClusterCollection.Name)]
public sealed class JobDataTests(JobClusterFixture fixture)
{
    [Fact]
    public async Task LargeDataIsHeldApartAndReadWhenTheJobRuns()
    {
        var csv = new StringBuilder("x,y,region\n");
        for (var i = 1; i <= 2000; i++)
        {
            csv.Append(i).Append(',').Append(i * 2 + i % 7).Append(i % 2 == 0 ? ",north\n" : ",south\n");
        }
        Assert.True(csv.Length > new JobOptions().InlineInputLimit, "the data must be over the inline limit for this test");
        var key = JobKey.For(Requests.NewTenant(), Requests.NewJobId());
        var job = fixture.Client.GetGrain<IAnalysisJob>(key);

        await job.Submit(Requests.Csv(csv: csv.ToString()));
        var final = await Eventually.Terminal(job);

        Assert.Equal(JobStatus.Completed, final!.Status);
        var report = JsonNode.Parse((await job.GetResult())!.ReportJson!)!;
        // The job state held no data: these rows were read back from the job's input grain.
        Assert.Equal(2000, report["metrics"]!["rows"]!.GetValue<int>());
    }
}
