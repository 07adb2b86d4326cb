using Actors.Api.Tests.Operations;
using Serilog.Events;

namespace Actors.Api.Tests.Logging;

/// <summary>What the node logs about a request, read from its captured log.</summary>
[Collection(OperatorNodeCollection.Name)]
public sealed class RequestLogTests(OperatorNode node)
{
    [Fact]
    public async Task A_job_requests_log_event_carries_its_request_id_tenant_job_and_route_template()
    {
        using var client = node.NewClient(node.AdminKey);
        var jobId = await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));

        using var response = await client.GetAsync($"{ApiCalls.Analyses}/{jobId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var logged = await node.Log.RequestCompletionAsync(requestId);
        Assert.Equal("demo", CapturedLog.Scalar(logged, "TenantId"));
        Assert.Equal(jobId, CapturedLog.Scalar(logged, "JobId"));
        Assert.Equal("/api/v1/analyses/{id}", CapturedLog.Scalar(logged, "RouteTemplate"));
        Assert.Equal("200", CapturedLog.Scalar(logged, "StatusCode"));
        Assert.Equal($"{ApiCalls.Analyses}/{jobId}", CapturedLog.Scalar(logged, "RequestPath"));
        var message = logged.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"/api/v1/analyses/{id}\" responded 200", message);
        Assert.DoesNotContain(jobId, message);
    }

    [Fact]
    public async Task A_requests_log_event_carries_the_callers_trace_id_and_a_span_id()
    {
        using var client = node.NewClient(node.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiCalls.Analyses);
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        using var response = await client.SendAsync(request);

        var logged = await node.Log.RequestCompletionAsync(response.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", logged.TraceId?.ToHexString());
        Assert.NotNull(logged.SpanId);
        Assert.Equal("demo", CapturedLog.Scalar(logged, "TenantId"));
    }

    [Fact]
    public async Task Every_event_of_a_request_that_fails_unhandled_carries_its_request_id_tenant_and_job()
    {
        using var client = node.NewClient(node.AdminKey);
        var jobId = $"job_{OperatorNode.FailingMarker}_{Guid.NewGuid():N}";

        using var response = await client.GetAsync($"{ApiCalls.Analyses}/{jobId}");

        await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var completion = await node.Log.RequestCompletionAsync(requestId);
        Assert.Equal("/api/v1/analyses/{id}", CapturedLog.Scalar(completion, "RouteTemplate"));
        Assert.Equal(jobId, CapturedLog.Scalar(completion, "JobId"));
        // ASP.NET Core's own events carry the raw path: that finds every event of this request, whatever its RequestId.
        // The framework's events from before the request reached the pipeline (request start, route matching) have none.
        var ofTheRequest = node.Log.Events.Where(e => CapturedLog.Scalar(e, "RequestPath")?.Contains(jobId, StringComparison.Ordinal) == true).ToList();
        Assert.All(ofTheRequest.Where(e => !e.Properties.ContainsKey("RequestId")), e => Assert.StartsWith("Microsoft.AspNetCore.", CapturedLog.Scalar(e, "SourceContext")));
        ofTheRequest = [.. ofTheRequest.Where(e => e.Properties.ContainsKey("RequestId"))];
        Assert.True(ofTheRequest.Count > 3, $"Only {ofTheRequest.Count} events of the request carry a RequestId");
        var handled = Assert.Single(ofTheRequest, e => e.Exception is not null && e.Level == LogEventLevel.Error);
        Assert.Contains("ExceptionHandler", CapturedLog.Scalar(handled, "SourceContext"));
        Assert.Equal("demo", CapturedLog.Scalar(handled, "TenantId"));
        Assert.Equal(jobId, CapturedLog.Scalar(handled, "JobId"));
        Assert.All(ofTheRequest, e => Assert.Equal(requestId, CapturedLog.Scalar(e, "RequestId")));
    }

    [Fact]
    public async Task A_request_no_route_matches_is_logged_without_its_path_in_the_message()
    {
        using var client = node.NewClient(node.AdminKey);

        using var response = await client.GetAsync("/api/v1/nothing-here/secret-looking-path");

        var logged = await node.Log.RequestCompletionAsync(response.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("/api/v1/nothing-here/secret-looking-path", CapturedLog.Scalar(logged, "RequestPath"));
        Assert.DoesNotContain("secret-looking-path", logged.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
