namespace Actors.Api.Tests.Conversations;

/// <summary>The event log the conversation tests analyse.</summary>
public static class ProcessLog
{
    /// <summary>Waits before C: 30, 30, 10 (mean 23.33…), the longest: C is the bottleneck.</summary>
    public const string Csv = "case_id,activity,timestamp\nc1,A,0\nc1,B,10\nc1,C,40\nc2,A,0\nc2,B,20\nc2,C,50\nc3,A,0\nc3,B,5\nc3,B,25\nc3,C,35\n";
}
