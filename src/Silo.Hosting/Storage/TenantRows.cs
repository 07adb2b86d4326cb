using Npgsql;

namespace Actors.Silo.Storage;

/// <summary>Every Actors table is keyed by service and tenant first: one way to open a command over a tenant's rows.</summary>
internal static class TenantRows
{
    /// <summary>A command for <paramref name="sql"/> with <c>@service</c> and <c>@tenant</c> bound.</summary>
    public static NpgsqlCommand TenantCommand(this NpgsqlDataSource database, string sql, string serviceId, string tenantId)
    {
        var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("tenant", tenantId);
        return command;
    }
}
