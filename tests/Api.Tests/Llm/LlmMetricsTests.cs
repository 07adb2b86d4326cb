using Actors.Api.Tests.Observability;
using Actors.Grains.Tests.Llm;

namespace Actors.Api.Tests.Llm;

/// <summary>
/// An LLM-narrated job shows in <c>/metrics</c>: the product's token and cost counters by chain and
/// model, and Microsoft.Extensions.AI's gen_ai instruments, with no tenant-chosen host among their labels.
/// The instruments are process-wide, so counts are compared with a scrape taken just before.
/// </summary>
public sealed class LlmMetricsTests(LlmNode node) : IClassFixture<LlmNode>
{
    private const string Csv = """{"type":"data_interpretation","csv":"x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n9,9,west\n"}""";
    private static readonly (string, string) Global = ("chain", "global");
    private static readonly (string, string) Model = ("model", "gpt-test");

    [Fact]
    public async Task A_narrated_job_counts_its_tokens_and_cost_by_model_and_records_gen_ai_usage()
    {
        var before = Usage(await Scrape.TakeAsync(node.Anonymous));
        node.Global.Then(FakeReply.Answer("The figures differ by region.", 100, 20));

        await node.Demo.SubmitAndCompleteAsync(Csv);

        var after = await Wait.Until(async () => Usage(await Scrape.TakeAsync(node.Anonymous)),
            now => now.Input >= before.Input + 100 && now.Output >= before.Output + 20 && now.Cost > before.Cost && now.GenAi > before.GenAi,
            $"the LLM counters to grow past {before}");
        Assert.True(after.Cost - before.Cost >= 0.00045, $"cost grew by {after.Cost - before.Cost}, expected at least 100 input and 20 output tokens at 2.5 and 10 USD a million");

        var scrape = await Scrape.TakeAsync(node.Anonymous);
        var genAi = scrape.Samples.Where(s => s.Name.StartsWith("gen_ai_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(genAi);
        Assert.All(genAi, s => Assert.DoesNotContain(s.Labels.Keys, key => key.StartsWith("server_", StringComparison.Ordinal) || key == "gen_ai_request_model"));
    }

    private static LlmUsage Usage(Scrape scrape) => new(
        scrape.Sum("actors_llm_tokens_total", Global, Model, ("direction", "input")),
        scrape.Sum("actors_llm_tokens_total", Global, Model, ("direction", "output")),
        scrape.Sum("actors_llm_cost_usd_total", Global, Model),
        scrape.Samples.Where(s => s.Name == "gen_ai_client_token_usage_count").Sum(s => s.Value));

    private sealed record LlmUsage(double Input, double Output, double Cost, double GenAi);
}
