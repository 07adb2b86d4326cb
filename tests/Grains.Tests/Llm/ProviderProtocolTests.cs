using System.Net;
using System.Text.Json.Nodes;
using Actors.Grains.Tests.Infrastructure;
using Actors.Llm;
using Microsoft.Extensions.AI;

namespace Actors.Grains.Tests.Llm;

/// <summary>
/// The real SDK clients (Microsoft.Extensions.AI.OpenAI, OllamaSharp) against a loopback server that
/// speaks their protocols: tool calls, usage, streaming, and how failures are classified and retried.
/// </summary>
public sealed class ProviderProtocolTests : IAsyncLifetime
{
    private static readonly ChatClients Clients = LlmClients.Create();
    private FakeLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLlmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static NarrativeTools Tools() => new(new JsonObject { ["rows"] = 5, ["column_count"] = 3 }, []);

    private static async Task<(string Text, UsageMeter Meter)> AskAsync(ProviderTarget target, NarrativeTools tools, bool stream = false)
    {
        var meter = new UsageMeter(Clients.For(target));
        using var client = new FunctionInvokingChatClient(meter);
        var options = new ChatOptions { Tools = tools.Functions };
        ChatMessage[] messages = [new(ChatRole.User, "Summarise.")];
        var response = stream
            ? await client.GetStreamingResponseAsync(messages, options).ToChatResponseAsync()
            : await client.GetResponseAsync(messages, options);
        return (response.Text, meter);
    }

    [Fact]
    public async Task OpenAiToolCallRunsTheToolAndSendsItsResultBackWithUsageSummed()
    {
        _server.Then(FakeReply.ToolCall("ratio", """{"numerator":5,"denominator":3}""", 80, 10), FakeReply.Answer("Ratio 1.6667.", 100, 20));
        var tools = Tools();

        var (text, meter) = await AskAsync(LlmClients.OpenAi(_server), tools);

        Assert.Equal("Ratio 1.6667.", text);
        Assert.Equal(180, meter.InputTokens);
        Assert.Equal(30, meter.OutputTokens);
        Assert.Equal([1.6667], tools.Returned);
        var second = _server.Requests[1]["messages"]!.AsArray();
        Assert.Contains(second, m => m!["role"]!.GetValue<string>() == "tool" && m["content"]!.ToString().Contains("1.6667"));
        Assert.Contains(_server.Requests[0]["tools"]!.AsArray(), t => t!["function"]!["name"]!.GetValue<string>() == "get_metric");
    }

    [Fact]
    public async Task OpenAiStreamingAnswersWithTheSameTextToolCallsAndUsage()
    {
        _server.Then(FakeReply.ToolCall("get_metric", """{"path":"rows"}""", 50, 5), FakeReply.Answer("There are 5 rows.", 60, 7));

        var (text, meter) = await AskAsync(LlmClients.OpenAi(_server), Tools(), stream: true);

        Assert.Equal("There are 5 rows.", text);
        Assert.True(_server.Requests.All(r => r["stream"]?.GetValue<bool>() == true));
        Assert.Equal(110, meter.InputTokens);
        Assert.Equal(12, meter.OutputTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ParallelToolCallsInOneTurnAllRunOverOpenAiPlainAndStreamedAndOverOllama(bool stream)
    {
        FakeReply Both() => FakeReply.ToolCalls([new("ratio", """{"numerator":5,"denominator":3}"""), new("difference", """{"a":3,"b":5}""")]);
        _server.Then(Both(), FakeReply.Answer("Ratio 1.6667, difference 2."), Both(), FakeReply.Answer("Ratio 1.6667, difference 2."));
        var openAiTools = Tools();
        var ollamaTools = Tools();

        var (openAiText, _) = await AskAsync(LlmClients.OpenAi(_server), openAiTools, stream);
        var (ollamaText, _) = await AskAsync(LlmClients.Ollama(_server), ollamaTools, stream);

        Assert.Equal(("Ratio 1.6667, difference 2.", "Ratio 1.6667, difference 2."), (openAiText, ollamaText));
        Assert.Equal([1.6667, 2.0], openAiTools.Returned.Order());
        Assert.Equal([1.6667, 2.0], ollamaTools.Returned.Order());
        Assert.Equal(2, _server.Requests[1]["messages"]!.AsArray().Count(m => m!["role"]!.GetValue<string>() == "tool"));
        Assert.Equal(4, _server.RequestCount);
    }

    [Fact]
    public async Task OllamaChatRunsToolCallsAndCountsTokens()
    {
        _server.Then(FakeReply.ToolCall("difference", """{"a":3,"b":5}""", 40, 4), FakeReply.Answer("Two more rows than columns: 2.", 70, 9));
        var tools = Tools();

        var (text, meter) = await AskAsync(LlmClients.Ollama(_server), tools);

        Assert.Equal("Two more rows than columns: 2.", text);
        Assert.Equal([2.0], tools.Returned);
        Assert.Equal(110, meter.InputTokens);
        Assert.Equal(13, meter.OutputTokens);
        Assert.Equal("llama-test", _server.Requests[0]["model"]!.GetValue<string>());
    }

    private static ProviderCall Call(List<TimeSpan> waits, int maxRetries = 2, TimeSpan? timeout = null) =>
        new(new LlmOptions { MaxRetries = maxRetries, CallTimeout = timeout ?? TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromSeconds(30) },
            (wait, _) =>
            {
                waits.Add(wait);
                return Task.CompletedTask;
            });

    private static Task<string> OnceAsync(ProviderTarget target, CancellationToken ct) =>
        Clients.For(target).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: ct).ContinueWith(t => t.Result.Text, ct);

    [Fact]
    public async Task A429IsRetriedAfterItsRetryAfter()
    {
        _server.Then(FakeReply.Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 7), FakeReply.Answer("ok"));
        var waits = new List<TimeSpan>();

        var text = await Call(waits).RunAsync(ct => OnceAsync(LlmClients.OpenAi(_server), ct), CancellationToken.None);

        Assert.Equal("ok", text);
        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task A400IsNotRetried()
    {
        _server.Then(FakeReply.Status(HttpStatusCode.BadRequest));
        var waits = new List<TimeSpan>();

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Call(waits).RunAsync(ct => OnceAsync(LlmClients.OpenAi(_server), ct), CancellationToken.None));

        Assert.Equal("http_400", failure.Kind);
        Assert.False(failure.Transient);
        Assert.Empty(waits);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithGrowingBackoffThenGiveUp()
    {
        _server.Fallback = FakeReply.Status(HttpStatusCode.ServiceUnavailable);
        var waits = new List<TimeSpan>();

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Call(waits, maxRetries: 2).RunAsync(ct => OnceAsync(LlmClients.Ollama(_server), ct), CancellationToken.None));

        Assert.Equal("http_503", failure.Kind);
        Assert.Equal(3, _server.RequestCount);
        Assert.Equal(2, waits.Count);
        // Jitter is 0.5–1.5 of the base: the second wait's range starts above the first's midpoint.
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task AProviderThatDoesNotAnswerTimesOut()
    {
        _server.Then(FakeReply.Hanging);
        var waits = new List<TimeSpan>();

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() =>
            Call(waits, maxRetries: 0, timeout: TimeSpan.FromMilliseconds(300)).RunAsync(ct => OnceAsync(LlmClients.OpenAi(_server), ct), CancellationToken.None));

        Assert.Equal("timeout", failure.Kind);
        Assert.True(failure.Transient);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotRetried()
    {
        _server.Then(FakeReply.Hanging);
        using var job = new CancellationTokenSource();
        var waits = new List<TimeSpan>();

        var call = Call(waits).RunAsync(ct => OnceAsync(LlmClients.OpenAi(_server), ct), job.Token);
        await Eventually.Until(() => Task.FromResult(_server.RequestCount), n => n == 1, "the request to arrive");
        await job.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(waits);
    }
}
