using System.Net.Http.Headers;
using Actors.Api.Tests.Operations;

namespace Actors.Api.Tests.Logging;

/// <summary>API keys and tokens sent to the node never appear in its log, whatever happens to the request.</summary>
[Collection(OperatorNodeCollection.Name)]
public sealed class SecretTests(OperatorNode node)
{
    [Fact]
    public async Task Keys_and_tokens_used_in_requests_never_reach_the_log()
    {
        var unknownKey = OperatorNode.NewKey();
        var bearerToken = "tok_" + Guid.NewGuid().ToString("N");
        var requestIds = new List<string>();
        using var admin = node.NewClient(node.AdminKey);
        using var reader = node.NewClient(node.ReadOnlyKey);
        using var unknown = node.NewClient(unknownKey);
        using var anonymous = node.NewClient();

        async Task Send(HttpClient client, HttpRequestMessage request, HttpStatusCode expected)
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                Assert.True(response.StatusCode == expected,
                    $"{request.Method} {request.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}");
                requestIds.Add(response.Headers.GetValues("X-Request-ID").Single());
            }
        }

        HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);
        HttpRequestMessage Basic(string path, string key)
        {
            var request = Get(path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + key)));
            return request;
        }

        await Send(admin, Get(ApiCalls.Analyses), HttpStatusCode.OK);
        await Send(unknown, Get(ApiCalls.Analyses), HttpStatusCode.Unauthorized);
        await Send(reader, new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json(Bodies.Csv(Bodies.SmallCsv)) }, HttpStatusCode.Forbidden);
        await Send(admin, new HttpRequestMessage(HttpMethod.Post, ApiCalls.Analyses) { Content = Bodies.Json("{\"type\": ") }, HttpStatusCode.BadRequest);
        await Send(admin, Get($"{ApiCalls.Analyses}/job_{OperatorNode.FailingMarker}_{Guid.NewGuid():N}"), HttpStatusCode.InternalServerError);
        var withToken = Get(ApiCalls.Analyses);
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        await Send(anonymous, withToken, HttpStatusCode.Unauthorized);
        await Send(anonymous, Basic("/dashboard/", node.PlatformKey), HttpStatusCode.OK);
        await Send(anonymous, Basic("/dashboard/", node.AdminKey), HttpStatusCode.Forbidden);
        await Send(anonymous, Basic("/dashboard/", node.ReadOnlyKey), HttpStatusCode.Forbidden);
        await Send(anonymous, Basic("/dashboard/", unknownKey), HttpStatusCode.Unauthorized);

        foreach (var requestId in requestIds)
        {
            await node.Log.RequestCompletionAsync(requestId);
        }
        var log = node.Log.Events.Select(CapturedLog.Render).ToList();
        foreach (var secret in new[] { node.AdminKey, node.PlatformKey, node.ReadOnlyKey, unknownKey, bearerToken })
        {
            Assert.DoesNotContain(log, line => line.Contains(secret, StringComparison.Ordinal));
        }
        // The log was not empty: the requests above are in it, with their tenants.
        Assert.Contains(log, line => line.Contains(requestIds[0], StringComparison.Ordinal));
    }
}
