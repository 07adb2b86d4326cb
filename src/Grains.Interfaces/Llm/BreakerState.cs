namespace Actors.Llm;

/// <summary>A provider's circuit: closed (calls go through), open (skipped until the cool-down ends), half-open (one probe decides).</summary>
[GenerateSerializer, Alias("Actors.Llm.BreakerState")]
public enum BreakerState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}
