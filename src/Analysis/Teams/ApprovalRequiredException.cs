namespace Actors.Teams;

/// <summary>
/// A team reached an approval step nobody has decided: the run stops there. The job waits for a
/// decision and, once approved, runs again from its checkpoints with the decision as the step's answer.
/// </summary>
public sealed class ApprovalRequiredException(TeamStep step)
    : Exception($"Step '{step.Tool}' waits for a person's approval.")
{
    public TeamStep Step { get; } = step;
}
