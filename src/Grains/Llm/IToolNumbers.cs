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
