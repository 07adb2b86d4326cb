using Actors.Api.Tests.Audit;
using Actors.Api.Tests.Logging;
using Actors.Api.Tests.Operations;

namespace Actors.Api.Tests.Hostile;

/// <summary>
/// A key is named by its random id wherever the node records who called (audit actor, rate bucket, logs),
/// never by its first characters: those are most of a short custom key.
/// </summary>
[Collection(OperatorNodeCollection.Name)]
public sealed class KeyNamingTests(OperatorNode node)
{
    [Fact]
    public async Task A_key_is_named_by_its_id_in_the_audit_log_and_the_log_never_by_its_characters()
    {
        using var admin = node.NewClient(node.AdminKey);
        using var issued = await admin.PostAsync("/api/v1/keys", Bodies.Json("""{"name":"naming","scopes":["admin","analyses:read"]}"""));
        var key = await issued.ReadJsonAsync();
        Assert.True(issued.StatusCode == HttpStatusCode.Created, key.ToString());
        var (keyId, plaintext) = (key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!);
        using var client = node.NewClient(plaintext);
        var requestId = AuditCalls.NewRequestId();

        using var revoked = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/keys/{keyId}").WithRequestId(requestId));
        var entry = await admin.WaitForEntryAsync(requestId, "&action=key.revoke");
        await node.Log.RequestCompletionAsync(requestId);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal($"key:{keyId}", entry.GetProperty("actor").GetString());
        var log = node.Log.Events.Select(CapturedLog.Render).ToList();
        Assert.Contains(log, line => line.Contains(keyId, StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.Contains(plaintext[..12], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ak_live_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", "ak_live_0123")]
    [InlineData("0123456789abcdef", "0123")]
    [InlineData("short", "s")]
    public void A_keys_displayed_prefix_is_at_most_a_quarter_of_it(string plaintext, string prefix)
    {
        Assert.Equal(prefix, Actors.Api.Auth.ApiKeyHash.PrefixOf(plaintext));
    }
}
