namespace Actors.Api.Tests.Hostile;

/// <summary>A node with small input limits, so each limit can be crossed with a small body.</summary>
public sealed class HostileNode() : LimitedNode(
    $"--Actors:Api:MaxRequestBodyBytes={MaxBodyBytes}",
    $"--Actors:Api:Limits:MaxJsonDepth={MaxJsonDepth}",
    $"--Actors:Api:Limits:MaxStringLength={MaxStringLength}",
    $"--Actors:Api:Limits:MaxRecords={MaxRecords}",
    $"--Actors:Api:Limits:MaxColumns={MaxColumns}",
    $"--Actors:Api:Limits:MaxCellChars={MaxCellChars}",
    $"--Actors:Api:Limits:MaxTableBytes={MaxTableBytes}")
{
    public const int MaxBodyBytes = 65_536;
    public const int MaxJsonDepth = 8;
    public const int MaxStringLength = 100;
    public const int MaxRecords = 10;
    public const int MaxColumns = 5;
    public const int MaxCellChars = 100;
    public const int MaxTableBytes = 8_192;
}
