namespace Actors.Production.Tests.Storage;

/// <summary>A tiny state written straight through the storage provider by the storage tests.</summary>
public sealed record StorageProbeNote(string Text, int Revision);
