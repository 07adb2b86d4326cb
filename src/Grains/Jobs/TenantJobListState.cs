namespace Actors.Jobs;

/// <summary>The newest jobs of a tenant by id, for listing.</summary>
[GenerateSerializer, Alias("Actors.Jobs.TenantJobListState")]
public sealed class TenantJobListState
{
    [Id(0)] public Dictionary<string, JobSnapshot> Jobs { get; set; } = [];
}
