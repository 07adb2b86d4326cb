namespace Actors.Production.Tests.Storage;

/// <summary>One PostgreSQL server (the kit's <see cref="PostgresServer"/>) shared by the tests of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
