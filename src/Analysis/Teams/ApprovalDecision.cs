using System.Text.Json.Nodes;

namespace Actors.Teams;

/// <summary>
/// A person's answer to an approval step (or the timeout policy's, when nobody answered in time):
/// the step's output and checkpoint, so a resumed job knows it was approved, and the report's provenance.
/// </summary>
public sealed record ApprovalDecision(string Step, bool Approved, string DecidedBy, string? Comment, DateTimeOffset DecidedAt, bool ByTimeout)
{
    /// <summary>The request's and the timeout policy's words for the two answers.</summary>
    public const string Approve = "approve";
    public const string Reject = "reject";

    public static readonly IReadOnlyList<string> Answers = [Approve, Reject];

    /// <summary>Who decides when nobody did: the timeout policy, named in <see cref="DecidedBy"/>.</summary>
    public const string TimeoutDecider = "timeout";

    public const int MaxCommentChars = 2_000;

    public string Outcome => Approved ? "approved" : "rejected";

    /// <summary>The approval step as a finished team step: its checkpoint, so a run that resumes goes on after it.</summary>
    public TeamStepDone AsStepDone() => new(StepRecord(Step), ToJson());

    /// <summary>How an approval step ran, in the team's records: by nobody the team knows, never reviewed.</summary>
    public static TeamStepRecord StepRecord(string step) => new(step, [], Skipped: false, 0, [], null, null, 0);

    public JsonObject ToJson() => new()
    {
        ["step"] = Step,
        ["decision"] = Outcome,
        ["decided_by"] = DecidedBy,
        ["comment"] = Comment,
        ["decided_at"] = DecidedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["by_timeout"] = ByTimeout,
    };

    public static ApprovalDecision FromJson(JsonObject json) => new(
        json["step"]!.GetValue<string>(),
        json["decision"]!.GetValue<string>() == "approved",
        json["decided_by"]!.GetValue<string>(),
        json["comment"]?.GetValue<string>(),
        DateTimeOffset.Parse(json["decided_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        json["by_timeout"]?.GetValue<bool>() ?? false);
}
