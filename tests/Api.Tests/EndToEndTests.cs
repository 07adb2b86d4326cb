using System.Globalization;

namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class EndToEndTests(ActorsNode node)
{
    [Fact]
    public async Task A_CSV_job_runs_to_completion_and_its_report_has_the_statistics_of_the_data()
    {
        double[] units = [12, 7.5, 3, 41, 18.25, 9, 26, 15, 4.75, 30];
        var csv = new StringBuilder("region,units\n");
        for (var i = 0; i < units.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "north" : "south")},{units[i].ToString(CultureInfo.InvariantCulture)}\n");
        }

        var jobId = await node.Demo.SubmitAcceptedAsync(Bodies.Csv(csv.ToString()));
        await using (var stream = await SseReader.OpenAsync(node.Demo, $"{ApiCalls.Analyses}/{jobId}/events"))
        {
            var events = await stream.ReadEventsUntilAsync(SseReader.IsTerminal, $"job {jobId} to finish");
            Assert.Equal("completed", events[^1].Event);
        }
        var report = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");

        var metrics = report.GetProperty("metrics");
        Assert.Equal(units.Length, metrics.GetProperty("rows").GetInt32());
        var column = metrics.GetProperty("columns").GetProperty("units");
        Assert.Equal("numeric", column.GetProperty("type").GetString());
        var mean = units.Sum() / units.Length;
        var std = Math.Sqrt(units.Sum(u => (u - mean) * (u - mean)) / (units.Length - 1));
        var sorted = units.Order().ToArray();
        var median = (sorted[4] + sorted[5]) / 2;
        Assert.Equal(mean, column.GetProperty("mean").GetDouble(), 1e-9);
        Assert.Equal(std, column.GetProperty("std").GetDouble(), 1e-9);
        Assert.Equal(3, column.GetProperty("min").GetDouble());
        Assert.Equal(41, column.GetProperty("max").GetDouble());
        Assert.Equal(median, column.GetProperty("median").GetDouble(), 1e-9);
        Assert.Equal("categorical", metrics.GetProperty("columns").GetProperty("region").GetProperty("type").GetString());
    }
}
