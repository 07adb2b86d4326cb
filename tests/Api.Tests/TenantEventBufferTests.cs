using Actors.Jobs;
using Actors.Api.Analyses;

namespace Actors.Api.Tests;

/// <summary>
/// The buffer behind <c>GET /api/v1/events</c>: a client that falls behind loses the oldest events,
/// and the count of what it lost is what the response announces in a <c>dropped</c> event.
/// </summary>
public sealed class TenantEventBufferTests
{
    [Fact]
    public void Past_its_capacity_the_buffer_keeps_the_newest_events_and_counts_the_dropped_ones_once()
    {
        var buffer = new TenantEventBuffer(capacity: 3);

        for (var sequence = 1; sequence <= 5; sequence++)
        {
            Assert.True(buffer.Channel.Writer.TryWrite(Event(sequence)));
        }

        Assert.Equal(2, buffer.TakeDropped());
        Assert.Equal(0, buffer.TakeDropped());
        var held = new List<long>();
        while (buffer.Channel.Reader.TryRead(out var jobEvent))
        {
            held.Add(jobEvent.Sequence);
        }
        Assert.Equal([3L, 4L, 5L], held);
    }

    [Fact]
    public void A_client_that_keeps_up_loses_nothing()
    {
        var buffer = new TenantEventBuffer(capacity: 2);

        for (var sequence = 1; sequence <= 10; sequence++)
        {
            buffer.Channel.Writer.TryWrite(Event(sequence));
            Assert.True(buffer.Channel.Reader.TryRead(out var read));
            Assert.Equal(sequence, read.Sequence);
        }

        Assert.Equal(0, buffer.TakeDropped());
    }

    [Fact]
    public void The_dropped_frame_is_an_sse_event_whose_data_is_json_with_the_count()
    {
        // The API's naming policy (ActorsApi: snake_case), as every other event's data.
        var frame = TenantEventStream.DroppedFrame(1234, new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower });

        Assert.StartsWith("event: dropped\ndata: ", frame);
        Assert.EndsWith("\n\n", frame);
        using var data = System.Text.Json.JsonDocument.Parse(frame["event: dropped\ndata: ".Length..^2]);
        Assert.Equal(1234, data.RootElement.GetProperty("dropped").GetInt64());
    }

    private static JobEvent Event(long sequence) =>
        new("job_1", sequence, JobEventKind.Step, JobStatus.Running, 50, "step", DateTimeOffset.UnixEpoch, null, null);
}
