namespace Actors.Analytics;

/// <summary>What a <see cref="Cell"/> holds as stored, before any type inference.</summary>
public enum CellKind : byte
{
    Missing,
    Text,
    Number,
    Boolean,
}
