namespace Actors.Silo.Storage;

/// <summary>The schema could not be brought up to date; the message says why and what to do.</summary>
public sealed class SchemaMigrationException(string message, Exception? inner = null) : Exception(message, inner);
