using System.Reflection;
using Actors.Api.Problems;

namespace Actors.Api.Tests.Hostile;

/// <summary>Every hostile input gets a 4xx problem with a stable code; none reaches a 500; the node keeps serving.</summary>
public sealed class HostileInputTests(HostileNode node) : IClassFixture<HostileNode>
{
    private static readonly HashSet<string> KnownCodes = [.. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task A_hostile_input_is_answered_with_its_problem_code(string name)
    {
        var hostile = HostileCorpus.Named(name);

        using var response = await node.Client.SendAsync(hostile.Request());

        if (hostile.Code is null)
        {
            Assert.Equal(hostile.Status, response.StatusCode); // Refused by Kestrel, before any middleware.
            return;
        }
        await response.AssertProblemAsync(hostile.Status, hostile.Code);
    }

    [Fact]
    public async Task After_the_whole_corpus_at_once_no_answer_was_a_500_and_a_normal_job_still_completes()
    {
        var answers = new List<(string Name, int Status, string? Code, string? MediaType)>();
        foreach (var batch in HostileCorpus.All.Chunk(16))
        {
            answers.AddRange(await Task.WhenAll(batch.Select(async hostile =>
            {
                using var response = await node.Client.SendAsync(hostile.Request());
                var body = await response.Content.ReadAsStringAsync();
                string? code = null;
                try
                {
                    code = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // Reported below as a missing code.
                }
                return (hostile.Name, (int)response.StatusCode, hostile.Code is null ? "(kestrel)" : code, hostile.Code is null ? "(kestrel)" : response.Content.Headers.ContentType?.MediaType);
            })));
        }

        Assert.DoesNotContain(answers, a => a.Status >= 500);
        Assert.All(answers, a =>
        {
            Assert.InRange(a.Status, 400, 499);
            if (a.Code == "(kestrel)")
            {
                return;
            }
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.True(a.Code is not null && KnownCodes.Contains(a.Code), $"{a.Name}: code '{a.Code}' is not a ProblemCodes code");
        });
        var jobId = await node.Client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv));
        await node.Client.WaitForStatusAsync(jobId, "completed");
        using var ready = await node.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    public static TheoryData<string, string> AcceptedOddities => new()
    {
        { "formula cells in the csv are data", Bodies.Csv("name,amount\n=cmd|' /C calc'!A0,1\n+1,2\n-3,3\n@SUM(A1),4\n") },
        { "a byte order mark inside the csv", Bodies.Csv("\uFEFFx,y\n1,2\n2,4\n") },
        { "a nul character in a csv cell", Bodies.Csv("name,x\na\u0000b,1\nc,2\n") },
        { "sql and markup in csv cells", Bodies.Csv("name,x\n'; DROP TABLE jobs; --,1\n<script>alert(1)</script>,2\n") },
        { "nesting exactly at the depth limit", "{\"type\":\"data_interpretation\",\"csv\":\"a\\n1\",\"options\":{\"x\":1}}" },
        { "records exactly at the record and column limits", Bodies.Records(Enumerable.Range(0, HostileNode.MaxRecords).Select(i => Enumerable.Range(0, HostileNode.MaxColumns).ToDictionary(c => $"c{c}", c => i * c)).ToArray()) },
        { "a question exactly at the string limit", JsonSerializer.Serialize(new { type = "data_interpretation", csv = "a\n1\n2", question = new string('q', HostileNode.MaxStringLength) }) },
    };

    [Theory]
    [MemberData(nameof(AcceptedOddities))]
    public async Task Odd_but_valid_input_is_accepted_and_completes(string name, string body)
    {
        var jobId = await node.Client.SubmitAcceptedAsync(body);

        var status = await node.Client.WaitForStatusAsync(jobId, "completed");
        Assert.True(status.GetProperty("status").GetString() == "completed", name);
    }

    [Fact]
    public async Task A_body_with_a_utf8_byte_order_mark_is_accepted()
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Bodies.Csv(Bodies.SmallCsv))]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        using var response = await node.Client.PostAsync(ApiCalls.Analyses, content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
