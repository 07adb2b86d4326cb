using Actors.Api.Tests.Webhooks;

namespace Actors.Api.Tests.Llm;

/// <summary>A tenant whose monthly LLM budget is reached is told so by the webhooks subscribed to budget.reached.</summary>
public sealed class BudgetReachedTests(LlmNode node) : IClassFixture<LlmNode>
{
    [Fact]
    public async Task A_job_past_the_budget_sends_budget_reached_with_the_month_budget_and_spend()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = await node.NewTenantClientAsync("budget-" + Guid.NewGuid().ToString("N")[..12]);
        await client.CreateWebhookAsync(receiver.Url("budget"), "budget.reached");
        using var put = await client.PutAsync("/api/v1/providers", Bodies.Json("""{"chain":[],"monthly_budget_usd":0}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var jobId = await client.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var received = (await receiver.WaitForAsync("budget", 1, "the budget.reached delivery")).Single();
        var report = await client.GetJsonAsync($"/api/v1/analyses/{jobId}/result");

        Assert.Equal("budget_reached", report.GetProperty("narrative").GetProperty("reason").GetString());
        Assert.Equal("budget.reached", received.Header("X-Actors-Event"));
        var body = received.Json;
        Assert.Equal("budget.reached", body.GetProperty("event").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("month").GetString());
        Assert.Equal(0m, data.GetProperty("budget_usd").GetDecimal());
        Assert.Equal(0m, data.GetProperty("spent_usd").GetDecimal());
    }
}
