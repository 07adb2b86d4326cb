namespace Actors.Jobs;

/// <summary>One page of a tenant's jobs, newest first.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobPage")]
public sealed record JobPage(
    [property: Id(0)] IReadOnlyList<JobSnapshot> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PerPage,
    [property: Id(3)] int Total);
