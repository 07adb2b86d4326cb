namespace Actors;

/// <summary>Names of the storage providers the grains use; the silo host decides what backs them.</summary>
public static class StorageNames
{
    /// <summary>Grain state of jobs, queues, tenants and keys.</summary>
    public const string Grains = "actors";

    /// <summary>Stream subscriptions (Orleans's conventional name).</summary>
    public const string PubSub = "PubSubStore";
}
