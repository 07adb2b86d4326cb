namespace Actors.Jobs;

/// <summary>When a commit's change is written: see <see cref="JobJournal.CommitAsync"/>.</summary>
public enum JobWrite
{
    /// <summary>At once.</summary>
    Now,

    /// <summary>By the caller's next commit, which follows at once.</summary>
    WithCallersNext,

    /// <summary>A step checkpoint: staged when made within the checkpoint interval of the last write, or behind another staged change.</summary>
    Checkpoint,

    /// <summary>Staged: with the next write, or by the flush timer within the checkpoint interval.</summary>
    Soon,
}
