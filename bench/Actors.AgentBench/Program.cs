using System.Diagnostics;
using System.Globalization;
using Actors.Agents;
using Actors.Analyses;
using Actors.Llm;
using Actors.Silo;
using Actors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The orchestration overhead of one agent step: the real AgentLoop (toolbox, TenantLlm's budget check
// and ledger, LlmChain with its breaker reads, the OpenAI SDK client, function invocation, structured
// output, grounding) against a loopback fake LLM that answers at once. Each step is two model turns:
// a group_by tool call, then a grounded JSON answer. Usage: dotnet run -c Release --project
// bench/Actors.AgentBench -- [--steps 300] [--warmup 30] [--rows 1000]
var steps = Argument("--steps", 300);
var warmup = Argument("--warmup", 30);
var rows = Argument("--rows", 1000);

var ports = Ports.Free(2);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Actors:Silo:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
    ["Actors:Silo:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
    ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
    ["Actors:Llm:CacheTtl"] = "00:00:00",
});
builder.UseOrleans(silo => silo.AddActorsEmbedded(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();
await using var fake = await FakeLlmServer.StartAsync();

var grains = host.Services.GetRequiredService<IGrainFactory>();
var loop = host.Services.GetRequiredService<AgentLoop>();
const string Tenant = "bench";
await grains.GetGrain<ITenantProviders>(Tenant).Put(new TenantLlmSettings(
    [new ProviderEntry("fake", ProviderEntry.OpenAi, fake.OpenAiEndpoint, "gpt-bench", null, null, null)], null));

var csv = new System.Text.StringBuilder("region,revenue\n");
var regions = new[] { "north", "south", "east", "west" };
var sums = new double[regions.Length];
for (var i = 0; i < rows; i++)
{
    var value = 10 + i % 97;
    sums[i % regions.Length] += value;
    csv.Append(regions[i % regions.Length]).Append(',').Append(value).Append('\n');
}
var input = AnalysisCatalog.ReadInput("custom_analysis", null, csv.ToString(), "Which region should we invest in?", new Dictionary<string, string>());
var top = sums.Max().ToString("R", CultureInfo.InvariantCulture);
var answer = $$"""
    {"summary":"Invest in the region whose revenue is {{top}}.",
     "findings":[{"title":"Top region","severity":"info","detail":"It sums to {{top}}.","evidence":[{"source":"group_by","name":"sum","value":{{top}}}]}],
     "recommendations":[{"title":"Invest there","detail":"It brings the most revenue.","impact":"high","effort":"medium"}]}
    """;
var agent = BuiltInAgents.All[BuiltInAgentNames.BusinessAnalyst];

async Task<double> StepAsync(int i)
{
    fake.Then(FakeReply.ToolCall("group_by", """{"group_by":"region","measure":"revenue"}"""), FakeReply.Answer(answer));
    var clock = Stopwatch.StartNew();
    var outcome = await loop.RunAsync(new AgentAssignment(Tenant, $"job_{i}", "custom_analysis", "answer", agent, "Answer the question.", input.Question, input), CancellationToken.None);
    var elapsed = clock.Elapsed.TotalMilliseconds;
    if (outcome.Engine != AgentOutcome.Llm)
    {
        throw new InvalidOperationException($"Step {i} fell back ({outcome.FallbackReason}: {string.Join("; ", outcome.Issues)}).");
    }
    return elapsed;
}

for (var i = 0; i < warmup; i++)
{
    await StepAsync(-1 - i);
}
var before = fake.RequestCount;
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
var times = new List<double>(steps);
for (var i = 0; i < steps; i++)
{
    times.Add(await StepAsync(i));
}
var wallMs = wall.Elapsed.TotalMilliseconds;
var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
times.Sort();
double Percentile(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p / 100 * times.Count) - 1)];

Console.WriteLine(FormattableString.Invariant($"agent steps: {steps} (after {warmup} warm-up), table of {rows} rows, {fake.RequestCount - before} model requests"));
Console.WriteLine(FormattableString.Invariant($"per step: p50 {Percentile(50):0.00} ms, p90 {Percentile(90):0.00} ms, p99 {Percentile(99):0.00} ms, mean {times.Average():0.00} ms"));
Console.WriteLine(FormattableString.Invariant($"CPU per step: {cpuMs / steps:0.00} ms (whole process: silo, agent loop and the fake server), wall {wallMs / 1000:0.0} s"));
await host.StopAsync();
return 0;

int Argument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
