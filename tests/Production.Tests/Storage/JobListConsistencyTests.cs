using Actors.Jobs;
using Actors.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Actors.Production.Tests.Storage;

/// <summary>
/// The tenant's job list in PostgreSQL is never left behind a finished job: the job's terminal
/// snapshot is acknowledged only once saved (its watchdog retries until then), and a row that still
/// says running is checked with its job when read.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JobListConsistencyTests(PostgresServer server)
{
    private const string Csv = "x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_finished_jobs_row_is_saved_after_the_list_lost_it_and_its_saves_failed_meanwhile()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        await using var source = NpgsqlDataSource.Create(database);
        var index = new PostgresJobIndex(source, serviceId);
        var outage = new TerminalSaveOutage(index) { Refusing = true };
        await using var cluster = await StartAsync(database, serviceId, outage);
        var (tenant, jobId, job) = NewJob(cluster);

        await job.Submit(DataInterpretation());
        var final = await JobWaits.Terminal(job);
        await Poll.UntilAsync(() => Task.FromResult(outage.Refused), refused => refused > 0, Bound, "the list to try saving the finished job");
        // What the list buffered goes with its activation, as when its silo dies.
        await cluster.Client.GetGrain<Orleans.Runtime.IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        outage.Refusing = false;

        var row = await Poll.UntilAsync(() => RowAsync(index, tenant, jobId), r => r?.Status == JobStatus.Completed, Bound,
            $"job {jobId}'s row in actors_jobs to say completed", r => r?.ToString() ?? "no row");

        Assert.Equal(JobStatus.Completed, final.Status);
        Assert.Equal(final.LastSequence, row!.LastSequence);
    }

    [Fact]
    public async Task A_row_left_running_is_put_right_from_its_job_when_read()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        await using var source = NpgsqlDataSource.Create(database);
        var index = new PostgresJobIndex(source, serviceId);
        await using var cluster = await StartAsync(database, serviceId, index);
        var (tenant, jobId, job) = NewJob(cluster);
        await job.Submit(DataInterpretation());
        var final = await JobWaits.Terminal(job);
        await Poll.UntilAsync(() => RowAsync(index, tenant, jobId), r => r?.Status == JobStatus.Completed, Bound, $"job {jobId}'s row to say completed");
        // The row as a lost terminal snapshot would have left it: running, one transition behind.
        await Sql.QueryAsync(database, $"DELETE FROM actors_jobs WHERE job_id = '{jobId}'", _ => 0);
        var stale = final with { Status = JobStatus.Running, Progress = 50, CompletedAt = null, LastSequence = final.LastSequence - 1 };
        await index.SaveAsync(tenant, [stale]);

        var list = cluster.Client.GetGrain<ITenantJobList>(tenant);
        var all = await list.List(1, 10, null, null);
        var running = await list.List(1, 10, JobStatus.Running, null);

        Assert.Equal(final, Assert.Single(all.Items));
        Assert.Empty(running.Items);
        Assert.Equal(0, running.Total);
        Assert.Equal(final.LastSequence, (await RowAsync(index, tenant, jobId))!.LastSequence);
    }

    private static Task<InProcessTestCluster> StartAsync(string database, string serviceId, IJobIndex index) =>
        PostgresClusters.StartAsync(database, serviceId, configure: services => services.AddSingleton(index));

    private static (string Tenant, string JobId, IAnalysisJob Job) NewJob(InProcessTestCluster cluster)
    {
        var (tenant, jobId) = ("t" + Guid.NewGuid().ToString("N")[..12], "job_" + Guid.NewGuid().ToString("N"));
        return (tenant, jobId, cluster.Client.GetGrain<IAnalysisJob>(JobKey.For(tenant, jobId)));
    }

    private static async Task<JobSnapshot?> RowAsync(IJobIndex index, string tenant, string jobId) =>
        (await index.ListAsync(tenant, 1, 250, null, null)).Items.SingleOrDefault(j => j.JobId == jobId);

    private static AnalysisRequest DataInterpretation() =>
        new("data_interpretation", null, Csv, null, new Dictionary<string, string>(), JobPriority.Normal, null, Guid.NewGuid().ToString("N"));

    /// <summary>The real index, refusing (while told to) every batch that holds a finished job, as PostgreSQL down would.</summary>
    private sealed class TerminalSaveOutage(IJobIndex index) : IJobIndex
    {
        private int _refused;
        private volatile bool _refusing;

        public bool Refusing { get => _refusing; set => _refusing = value; }

        public int Refused => Volatile.Read(ref _refused);

        public Task SaveAsync(string tenantId, IReadOnlyCollection<JobSnapshot> jobs, CancellationToken cancellationToken = default)
        {
            if (_refusing && jobs.Any(j => j.Status.IsTerminal()))
            {
                Interlocked.Increment(ref _refused);
                throw new NpgsqlException("refused by the test: the database is down");
            }
            return index.SaveAsync(tenantId, jobs, cancellationToken);
        }

        public Task<JobPage> ListAsync(string tenantId, int page, int perPage, JobStatus? status, string? type, CancellationToken cancellationToken = default) =>
            index.ListAsync(tenantId, page, perPage, status, type, cancellationToken);

        public Task<int> ForgetFinishedBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
            index.ForgetFinishedBeforeAsync(tenantId, cutoff, cancellationToken);
    }
}
