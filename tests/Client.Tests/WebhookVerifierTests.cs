namespace Actors.Client.Tests;

/// <summary>The verifier against the Standard Webhooks specification's published example.</summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Body = "{\"test\": 2432232314}";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookVerifier At(long unixSeconds) => new(Secret, time: new FixedTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void The_specifications_example_verifies()
    {
        Assert.True(At(1614265330 + 10).Verify(Id, Timestamp, Signature, Body));
    }

    [Fact]
    public void One_matching_signature_among_several_is_enough()
    {
        Assert.True(At(1614265330).Verify(Id, Timestamp, "v1,bm90IGl0 v2,abc " + Signature, Body));
    }

    [Theory]
    [InlineData(Id, Timestamp, Signature, "{\"test\": 2432232315}")]
    [InlineData("msg_other", Timestamp, Signature, Body)]
    [InlineData(Id, "1614265331", Signature, Body)]
    [InlineData(Id, Timestamp, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Body)]
    [InlineData(Id, Timestamp, "", Body)]
    [InlineData(Id, "yesterday", Signature, Body)]
    public void A_changed_body_id_timestamp_or_signature_does_not_verify(string id, string timestamp, string signature, string body)
    {
        Assert.False(At(1614265330).Verify(id, timestamp, signature, body));
    }

    [Fact]
    public void A_timestamp_outside_the_tolerance_is_refused_as_a_replay()
    {
        Assert.False(At(1614265330 + 301).Verify(Id, Timestamp, Signature, Body));
        Assert.False(At(1614265330 - 301).Verify(Id, Timestamp, Signature, Body));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
