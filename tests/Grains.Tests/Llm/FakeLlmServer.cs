using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests.Llm;

/// <summary>
/// A loopback server speaking the OpenAI chat-completions protocol (<c>POST /v1/chat/completions</c>:
/// tool calls, usage, <c>stream=true</c> as SSE chunks) and Ollama's (<c>POST /api/chat</c>, NDJSON),
/// scripted per test: replies are taken from a queue (the <see cref="Fallback"/> when it is empty).
/// Every request body is kept for assertions.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private volatile TaskCompletionSource _gate = Open();

    private FakeLlmServer(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The OpenAI-compatible base URL (ends in /v1).</summary>
    public string OpenAiEndpoint => BaseUrl + "/v1";

    /// <summary>
    /// Asked first with each request's body (and the client's abort): a reply chosen by what was asked, for
    /// requests that arrive in no fixed order (agents working in parallel); null leaves it to the script.
    /// </summary>
    public Func<JsonObject, CancellationToken, Task<FakeReply?>>? Answering { get; set; }

    /// <summary>What is answered once the script is used up.</summary>
    public FakeReply Fallback { get; set; } = FakeReply.Status(HttpStatusCode.InternalServerError);

    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public int RequestCount => _requests.Count;

    /// <summary>The Authorization header of every request, in order (empty when none was sent).</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public static async Task<FakeLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeLlmServer(app);
        app.MapPost("/v1/chat/completions", server.OpenAiAsync);
        app.MapPost("/api/chat", server.OllamaAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return server;
    }

    public FakeLlmServer Then(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
        return this;
    }

    /// <summary>
    /// From now on every request is received (and counted) but not answered until <see cref="Release"/>:
    /// a job waits at its narrative for as long as a test needs, however fast the machine.
    /// </summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests whose clients are still there, and every later one at once.</summary>
    public void Release() => _gate.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    /// <summary>Waits while held; false when the client went away meanwhile.</summary>
    private async Task<bool> PassedGateAsync(HttpContext http)
    {
        try
        {
            await _gate.Task.WaitAsync(http.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private FakeReply Next() => _script.TryDequeue(out var reply) ? reply : Fallback;

    private async Task<FakeReply?> ChosenAsync(JsonObject request, HttpContext http)
    {
        try
        {
            return Answering is { } answering ? await answering(request, http.RequestAborted) : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<JsonObject> ReadAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        _authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        _requests.Enqueue(body);
        return body;
    }

    private async Task OpenAiAsync(HttpContext http)
    {
        var request = await ReadAsync(http);
        if (!await PassedGateAsync(http))
        {
            return;
        }
        var reply = await ChosenAsync(request, http) ?? Next();
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        if (!await HandledAsError(http, reply))
        {
            var model = request["model"]?.GetValue<string>() ?? "model";
            if (request["stream"]?.GetValue<bool>() == true)
            {
                await OpenAiStreamAsync(http, model, reply);
            }
            else
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(OpenAiCompletion(model, reply).ToJsonString());
            }
        }
    }

    private static JsonObject OpenAiCompletion(string model, FakeReply reply) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = reply.ToolName is null
                ? new JsonObject { ["role"] = "assistant", ["content"] = reply.Text }
                : new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray([.. reply.AllCalls.Select((c, i) => (JsonNode)OpenAiToolCall(c, i, streamed: false))]) },
            ["finish_reason"] = reply.ToolName is null ? "stop" : "tool_calls",
        }),
        ["usage"] = Usage(reply),
    };

    private static JsonObject OpenAiToolCall(FakeToolCall call, int index, bool streamed)
    {
        var json = new JsonObject
        {
            ["id"] = $"call_{index}_{call.Name}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
        };
        if (streamed)
        {
            json["index"] = index;
        }
        return json;
    }

    private static JsonObject Usage(FakeReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    private static async Task OpenAiStreamAsync(HttpContext http, string model, FakeReply reply)
    {
        http.Response.ContentType = "text/event-stream";
        async Task Chunk(JsonObject delta, string? finish, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-fake",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = usage is null ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }) : new JsonArray(),
            };
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }
            await http.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
            await http.Response.Body.FlushAsync();
        }

        if (reply.ToolName is null)
        {
            var text = reply.Text ?? "";
            var half = text.Length / 2;
            await Chunk(new JsonObject { ["role"] = "assistant", ["content"] = text[..half] }, null);
            await Chunk(new JsonObject { ["content"] = text[half..] }, null);
            await Chunk([], "stop");
        }
        else
        {
            // Each call in its own chunk, as OpenAI streams parallel tool calls.
            await Chunk(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(OpenAiToolCall(reply.AllCalls[0], 0, streamed: true)) }, null);
            for (var i = 1; i < reply.AllCalls.Count; i++)
            {
                await Chunk(new JsonObject { ["tool_calls"] = new JsonArray(OpenAiToolCall(reply.AllCalls[i], i, streamed: true)) }, null);
            }
            await Chunk([], "tool_calls");
        }
        await Chunk([], null, Usage(reply));
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    private async Task OllamaAsync(HttpContext http)
    {
        var request = await ReadAsync(http);
        if (!await PassedGateAsync(http))
        {
            return;
        }
        var reply = Next();
        if (await HandledAsError(http, reply))
        {
            return;
        }
        var model = request["model"]?.GetValue<string>() ?? "model";
        var message = reply.ToolName is null
            ? new JsonObject { ["role"] = "assistant", ["content"] = reply.Text }
            : new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = "",
                ["tool_calls"] = new JsonArray([.. reply.AllCalls.Select(c => (JsonNode)new JsonObject
                {
                    ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = JsonNode.Parse(c.Arguments) },
                })]),
            };
        var done = new JsonObject
        {
            ["model"] = model,
            ["created_at"] = "2025-01-01T00:00:00Z",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" },
            ["done"] = true,
            ["done_reason"] = "stop",
            ["total_duration"] = 1000,
            ["load_duration"] = 10,
            ["prompt_eval_count"] = reply.InputTokens,
            ["prompt_eval_duration"] = 100,
            ["eval_count"] = reply.OutputTokens,
            ["eval_duration"] = 100,
        };
        var part = new JsonObject { ["model"] = model, ["created_at"] = "2025-01-01T00:00:00Z", ["message"] = message, ["done"] = false };
        http.Response.ContentType = "application/x-ndjson";
        if (request["stream"]?.GetValue<bool>() == false)
        {
            done["message"] = message.DeepClone();
            await http.Response.WriteAsync(done.ToJsonString());
            return;
        }
        await http.Response.WriteAsync(part.ToJsonString() + "\n");
        await http.Response.Body.FlushAsync();
        await http.Response.WriteAsync(done.ToJsonString() + "\n");
    }

    /// <summary>Error statuses and hangs; false when the reply is a real answer.</summary>
    private static async Task<bool> HandledAsError(HttpContext http, FakeReply reply)
    {
        if (reply.Hang)
        {
            // Held until the client gives up: a timeout test waits on the client's own cancellation, not a sleep here.
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return true;
        }
        if (reply.StatusCode is not { } status)
        {
            return false;
        }
        http.Response.StatusCode = (int)status;
        if (reply.Location is { } location)
        {
            http.Response.Headers.Location = location;
        }
        if (reply.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = $"fake {(int)status}", type = "server_error" } }));
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One scripted answer: text, one or several tool calls, an error status (with Retry-After), or a hang.</summary>
public sealed record FakeReply(string? Text, string? ToolName, string? ToolArguments, HttpStatusCode? StatusCode, int? RetryAfterSeconds, bool Hang, int InputTokens, int OutputTokens, string? Location = null)
{
    /// <summary>A 307 to <paramref name="location"/> (a redirect that keeps the method and body).</summary>
    public static FakeReply Redirect(string location) => new(null, null, null, HttpStatusCode.TemporaryRedirect, null, false, 0, 0, location);

    /// <summary>Calls after the first, made in the same turn (parallel tool calls).</summary>
    public IReadOnlyList<FakeToolCall> MoreCalls { get; init; } = [];

    public IReadOnlyList<FakeToolCall> AllCalls => ToolName is null ? [] : [new FakeToolCall(ToolName, ToolArguments ?? "{}"), .. MoreCalls];

    /// <summary>Several tool calls in one turn.</summary>
    public static FakeReply ToolCalls(IReadOnlyList<FakeToolCall> calls, int inputTokens = 80, int outputTokens = 10) =>
        ToolCall(calls[0].Name, calls[0].Arguments, inputTokens, outputTokens) with { MoreCalls = [.. calls.Skip(1)] };

    public static FakeReply Answer(string text, int inputTokens = 100, int outputTokens = 20) => new(text, null, null, null, null, false, inputTokens, outputTokens);

    public static FakeReply ToolCall(string name, string argumentsJson, int inputTokens = 80, int outputTokens = 10) =>
        new(null, name, argumentsJson, null, null, false, inputTokens, outputTokens);

    public static FakeReply Status(HttpStatusCode status, int? retryAfterSeconds = null) => new(null, null, null, status, retryAfterSeconds, false, 0, 0);

    public static readonly FakeReply Hanging = new(null, null, null, null, null, true, 0, 0);
}

/// <summary>A tool call as the model makes it: the tool's name and its arguments as JSON text.</summary>
public sealed record FakeToolCall(string Name, string Arguments);
