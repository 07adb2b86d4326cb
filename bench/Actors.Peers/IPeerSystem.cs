namespace Actors.Peers;

/// <summary>One system under test: started per group of workloads that share a worker concurrency.</summary>
public interface IPeerSystem
{
    string Name { get; }

    /// <summary><c>fast</c> (Actors embedded, BullMQ on Redis) or <c>postgres</c>: the rows compare systems of one tier.</summary>
    string Tier { get; }

    bool UsesPostgres { get; }

    bool IsActors { get; }

    Task StartAsync(int concurrency, string runId);

    /// <summary>The server-side processes whose CPU and memory count for this system.</summary>
    IReadOnlyList<int> Pids();

    Task<Dictionary<string, double>> RunAsync(Workload workload, TimeSpan timeout);

    Task StopAsync();
}
