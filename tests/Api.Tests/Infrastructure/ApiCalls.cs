using System.Net.Http.Headers;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>Calls of the v1 job API, with the assertions every caller would repeat.</summary>
public static class ApiCalls
{
    public const string Analyses = "/api/v1/analyses";

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Analyses) { Content = Bodies.Json(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    /// <summary>Submits and asserts 202; returns the job id.</summary>
    public static async Task<string> SubmitAcceptedAsync(this HttpClient client, string json)
    {
        using var response = await client.SubmitAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202 for a submission, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString()!;
    }

    /// <summary>Submits a gated job and waits until its step blocks on the gate (so it is running).</summary>
    public static async Task<string> SubmitGatedRunningAsync(this HttpClient client, string gate)
    {
        var jobId = await client.SubmitAcceptedAsync(Bodies.Gated(gate));
        await Eventually.For(Gates.WhenEntered(gate), $"gated job {jobId} to block on gate {gate}");
        return jobId;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> StatusAsync(this HttpClient client, string jobId) => client.GetJsonAsync($"{Analyses}/{jobId}");

    /// <summary>Polls the status endpoint until the job has <paramref name="status"/>; returns that status document.</summary>
    public static Task<JsonElement> WaitForStatusAsync(this HttpClient client, string jobId, string status) =>
        Eventually.Until(() => client.StatusAsync(jobId), s => s.GetProperty("status").GetString() == status,
            $"job {jobId} to reach status '{status}' (GET {Analyses}/{jobId})");

    public static async Task<string> SubmitAndCompleteAsync(this HttpClient client, string json)
    {
        var jobId = await client.SubmitAcceptedAsync(json);
        await client.WaitForStatusAsync(jobId, "completed");
        return jobId;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 7807 answer with the given status and <c>code</c>, carrying every member the API promises
    /// (type, title, status, detail, instance, code, request_id); returns the document.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        foreach (var member in new[] { "type", "title", "detail", "instance", "code", "request_id" })
        {
            Assert.True(problem.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0,
                $"The problem has no non-empty string '{member}': {body}");
        }
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), problem.GetProperty("request_id").GetString());
        return problem;
    }

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
