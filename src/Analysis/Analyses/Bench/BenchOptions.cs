namespace Actors.Analyses.Bench;

/// <summary>Benchmark-only switches. Bound from <c>Actors:Bench</c>; everything is off by default.</summary>
public sealed class BenchOptions
{
    public const string Section = "Actors:Bench";

    /// <summary>Registers the <c>bench_echo</c> analysis type (the peer benchmark's job shape).</summary>
    public bool Enabled { get; set; }
}
