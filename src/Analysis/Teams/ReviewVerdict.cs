namespace Actors.Teams;

/// <summary>A quality reviewer's answer: approved, or the issues the step must fix.</summary>
public sealed record ReviewVerdict(bool Approved, IReadOnlyList<string> Issues)
{
    public static readonly ReviewVerdict Approve = new(true, []);
}
