using Actors.Agents;
using Actors.Grains.Tests.Infrastructure;

namespace Actors.Grains.Tests;

[Collection(JobClusterCollection.Name)]
public sealed class AgentTests(JobClusterFixture fixture)
{
    [Fact]
    public async Task ManyJobsUsingOneAgentRunAtOnceAndTheAgentCountsEveryStep()
    {
        var tenant = Requests.NewTenant();
        var gates = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var jobs = new List<IAnalysisJob>();
        foreach (var gate in gates)
        {
            var job = fixture.Job(tenant, Requests.NewJobId());
            await job.Submit(Requests.Gated(gate));
            jobs.Add(job);
        }

        // Every job's steps run as the data interpreter; all four reach their gated step together,
        // so none is queued behind the agent.
        foreach (var gate in gates)
        {
            await Eventually.For(TestGates.WhenEntered(gate), $"job with gate {gate} to be inside its step while the others are");
        }
        foreach (var gate in gates)
        {
            TestGates.Open(gate);
        }
        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await JobWaits.Terminal(job))!.Status);
        }

        var agent = fixture.Client.GetGrain<IAgent>(JobKey.For(tenant, BuiltInAgentNames.DataInterpreter));
        var view = await Eventually.Until(agent.Get, v => v!.Usage.Runs == 12, "the agent to count 4 jobs × 3 steps");
        Assert.Equal(0, view!.Usage.Failures);
        Assert.True(view.BuiltIn);
    }

    [Fact]
    public async Task AnUnknownAgentReadsAsNullAndAPutDefinesIt()
    {
        var agent = fixture.Client.GetGrain<IAgent>(JobKey.For(Requests.NewTenant(), "auditor"));

        var before = await agent.Get();
        var after = await agent.Put(new AgentDefinition("ignored", "Auditor", "Audit", "Check", ["profile"], null));

        Assert.Null(before);
        Assert.Equal("auditor", after.Definition.Name);
        Assert.False(after.BuiltIn);
        Assert.False(after.Overridden);
    }
}
