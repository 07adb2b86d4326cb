namespace Actors.Llm;

/// <summary>
/// The numbers a caller's tools returned while an answer was written: grounding accepts them as
/// known, and a cached answer brings back the numbers its tools returned when it was first written.
/// </summary>
public interface IToolNumbers
{
    IReadOnlyList<double> Returned { get; }

    void Remember(IEnumerable<double> numbers);
}

/// <summary>The numbers remembered, safe to add to from tool calls that run side by side.</summary>
public sealed class ToolNumbers : IToolNumbers
{
    private readonly List<double> _returned = [];

    public IReadOnlyList<double> Returned
    {
        get
        {
            lock (_returned)
            {
                return [.. _returned];
            }
        }
    }

    public void Remember(IEnumerable<double> numbers)
    {
        lock (_returned)
        {
            _returned.AddRange(numbers);
        }
    }
}
