namespace Actors.Jobs;

/// <summary>Order in a tenant's queue: high before normal before low, FIFO within one priority.</summary>
[GenerateSerializer, Alias("Actors.Jobs.JobPriority")]
public enum JobPriority
{
    High = 0,
    Normal = 1,
    Low = 2,
}

public static class JobPriorityExtensions
{
    public static string ToWire(this JobPriority priority) => priority switch
    {
        JobPriority.High => "high",
        JobPriority.Normal => "normal",
        JobPriority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    public static bool TryParseWire(string? value, out JobPriority priority)
    {
        foreach (var candidate in Enum.GetValues<JobPriority>())
        {
            if (string.Equals(candidate.ToWire(), value, StringComparison.Ordinal))
            {
                priority = candidate;
                return true;
            }
        }
        priority = default;
        return false;
    }
}
