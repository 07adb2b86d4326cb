using System.Text.Json.Nodes;
using Actors.Grains.Tests.Llm;

namespace Actors.Grains.Tests.Agents;

/// <summary>Reads what a fake LLM was asked, so a test can answer (and count) by who asked: the agent's role in the system prompt, the task, the last turn.</summary>
public static class FakeAgents
{
    public static string System(JsonObject request) => request["messages"]![0]!["content"]!.ToString();

    public static string User(JsonObject request) => request["messages"]![1]!["content"]!.ToString();

    /// <summary>The last message came from a tool: the model has had its tool result and should answer.</summary>
    public static bool AfterTool(JsonObject request) => request["messages"]!.AsArray()[^1]!["role"]!.GetValue<string>() == "tool";

    /// <summary>An agent loop's request from the agent with this role (e.g. "Business Analyst").</summary>
    public static bool From(JsonObject request, string role) => System(request).Contains($"You are the {role} of a data-analysis team", StringComparison.Ordinal);

    /// <summary>A hierarchical manager's planning request.</summary>
    public static bool IsPlan(JsonObject request) => System(request).Contains("managing a data-analysis team", StringComparison.Ordinal);

    /// <summary>The narrative's request (the report's summary).</summary>
    public static bool IsNarrative(JsonObject request) => System(request).Contains("Write the executive summary", StringComparison.Ordinal);

    public static int Count(FakeLlmServer server, Func<JsonObject, bool> asked) => server.Requests.Count(asked);

    /// <summary>Answers by the first rule that matches; null leaves the request to the script (and its fallback, a 500).</summary>
    public static Func<JsonObject, CancellationToken, Task<FakeReply?>> By(params (Func<JsonObject, bool> When, Func<JsonObject, FakeReply> Reply)[] rules) =>
        (request, _) => Task.FromResult(rules.FirstOrDefault(r => r.When(request)) is { Reply: { } reply } ? reply(request) : null);

    /// <summary>A tool call first, then <paramref name="answer"/> once the tool has answered.</summary>
    public static Func<JsonObject, FakeReply> ToolThenAnswer(string tool, string arguments, string answer, int inputTokens = 300, int outputTokens = 20) =>
        request => AfterTool(request) ? FakeReply.Answer(answer, inputTokens + 200, outputTokens + 80) : FakeReply.ToolCall(tool, arguments, inputTokens, outputTokens);

    public static string Answer(string summary, string title, string evidenceSource, string evidenceName, double value, string recommendation) => new JsonObject
    {
        ["summary"] = summary,
        ["findings"] = new JsonArray(new JsonObject
        {
            ["title"] = title,
            ["severity"] = "info",
            ["detail"] = summary,
            ["evidence"] = new JsonArray(new JsonObject { ["source"] = evidenceSource, ["name"] = evidenceName, ["value"] = value }),
        }),
        ["recommendations"] = new JsonArray(new JsonObject { ["title"] = recommendation, ["detail"] = "From the data.", ["impact"] = "high", ["effort"] = "medium" }),
    }.ToJsonString();
}
