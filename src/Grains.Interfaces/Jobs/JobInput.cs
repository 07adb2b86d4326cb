namespace Actors.Jobs;

/// <summary>
/// A completed job's submitted data, as questions about it read it through the job: its type,
/// exactly one of <see cref="RecordsJson"/> or <see cref="Csv"/> (both null when the data is gone:
/// the job did not complete, or its input retention has passed), the request's question and options
/// (how the data is read), and until when it is kept.
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Jobs.JobInput")]
public sealed record JobInput(
    [property: Id(0)] string Type,
    [property: Id(1)] string? RecordsJson,
    [property: Id(2)] string? Csv,
    [property: Id(3)] string? Question,
    [property: Id(4)] IReadOnlyDictionary<string, string> Options,
    [property: Id(5)] DateTimeOffset? KeptUntil)
{
    public bool IsKept => RecordsJson is not null || Csv is not null;
}
