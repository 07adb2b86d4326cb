namespace Actors.Api.Tests.Hostile;

/// <summary>
/// A node whose cells limit is below rows × columns, so the sparse-records attack (many records of one
/// field each, drawn from many names) can be sent with a small body. <see cref="HostileNode"/> cannot: a
/// table exactly at its record and column limits must be accepted there.
/// </summary>
public sealed class TableLimitNode() : LimitedNode(
    [
        "--Actors:Api:MaxRequestBodyBytes=262144",
        $"--Actors:Api:Limits:MaxRecords={MaxRecords}",
        $"--Actors:Api:Limits:MaxColumns={MaxColumns}",
        $"--Actors:Api:Limits:MaxCells={MaxCells}",
        .. TestNode.GenerousRateLimits,
    ])
{
    public const int MaxRecords = 1_000;
    public const int MaxColumns = 50;
    public const int MaxCells = 2_000;
}
