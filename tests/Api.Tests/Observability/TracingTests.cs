using System.Diagnostics;

namespace Actors.Api.Tests.Observability;

/// <summary>Spans from HTTP through Orleans grain calls, read from the traced node's in-memory exporter.</summary>
[Collection(TracedNodeCollection.Name)]
public sealed class TracingTests(TracedNode node)
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private const string GrainCallSource = "Microsoft.Orleans.Application";

    [Fact]
    public async Task A_submission_has_a_server_span_with_its_request_id_and_a_grain_call_span_under_it_in_the_same_trace()
    {
        using var response = await node.Demo.SubmitAsync(Bodies.Csv(Bodies.SmallCsv));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var traceId = response.Headers.GetValues("X-Trace-Id").Single();

        var server = await node.SpanAsync(s => s.Source.Name == AspNetCoreSource && s.Kind == ActivityKind.Server
                && s.GetTagItem("actors.request_id") as string == requestId,
            $"the server span of request {requestId}");
        Assert.Equal(traceId, server.TraceId.ToHexString());

        var call = await node.SpanAsync(s => s.Source.Name == GrainCallSource && s.Kind == ActivityKind.Client
                && s.ParentSpanId == server.SpanId && s.DisplayName == "IAnalysisJob/SubmitNew",
            $"an outgoing IAnalysisJob/SubmitNew grain call span under server span {server.SpanId}; the trace has: {node.DescribeTrace(server.TraceId)}");
        Assert.Equal(server.TraceId, call.TraceId);

        var grainSide = await node.SpanAsync(s => s.Source.Name == GrainCallSource && s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId,
            $"the grain's side of grain call span {call.SpanId}");
        Assert.Equal(server.TraceId, grainSide.TraceId);
    }

    [Fact]
    public async Task The_callers_HttpClient_span_is_the_parent_of_the_server_span()
    {
        // The test's own HttpClient is instrumented like the node's outgoing calls (System.Net.Http),
        // so its client span injects traceparent and the server span continues that trace.
        using var response = await node.Demo.GetAsync(ApiCalls.Analyses);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-ID").Single();

        var server = await node.SpanAsync(s => s.Source.Name == AspNetCoreSource && s.GetTagItem("actors.request_id") as string == requestId,
            $"the server span of request {requestId}");
        var client = await node.SpanAsync(s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client && s.SpanId == server.ParentSpanId,
            $"the HttpClient span {server.ParentSpanId} that server span {server.SpanId} names as its parent");
        Assert.Equal(client.TraceId, server.TraceId);
        Assert.Equal(response.Headers.GetValues("X-Trace-Id").Single(), client.TraceId.ToHexString());
    }
}
