using Actors.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Silo.Storage;

/// <summary>The audit log in PostgreSQL (<c>deploy/sql/0005_audit_log.sql</c>), paged by the database with an id cursor.</summary>
public sealed class PostgresAuditStore(NpgsqlDataSource database, string serviceId) : IAuditStore
{
    private const string Insert = """
        INSERT INTO actors_audit (service_id, tenant_id, id, at, actor, action, resource, outcome, status, request_id, client_ip, user_agent)
        SELECT @service, @tenant, e.* FROM unnest(@ids, @ats, @actors, @actions, @resources, @outcomes, @statuses, @request_ids, @client_ips, @user_agents)
            AS e(id, at, actor, action, resource, outcome, status, request_id, client_ip, user_agent)
        ON CONFLICT (service_id, tenant_id, id) DO NOTHING
        """;

    private const string Page = """
        SELECT id, at, actor, action, resource, outcome, status, request_id, client_ip, user_agent FROM actors_audit
        WHERE service_id = @service AND tenant_id = @tenant AND at >= @oldest
          AND (@from::timestamptz IS NULL OR at >= @from) AND (@to::timestamptz IS NULL OR at <= @to)
          AND (@action::text IS NULL OR action = @action) AND (@actor::text IS NULL OR actor = @actor)
          AND (@before::text IS NULL OR id < @before)
        ORDER BY id DESC
        LIMIT @limit
        """;

    private const string Forget = "DELETE FROM actors_audit WHERE service_id = @service AND tenant_id = @tenant AND at < @cutoff";

    public async Task AppendAsync(string tenantId, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        await using var command = database.TenantCommand(Insert, serviceId, tenantId);
        command.Parameters.AddWithValue("ids", entries.Select(e => e.Id).ToArray());
        command.Parameters.AddWithValue("ats", entries.Select(e => e.At.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("actors", entries.Select(e => e.Actor).ToArray());
        command.Parameters.AddWithValue("actions", entries.Select(e => e.Action).ToArray());
        command.Parameters.AddWithValue("resources", entries.Select(e => e.Resource).ToArray());
        command.Parameters.AddWithValue("outcomes", entries.Select(e => e.Outcome).ToArray());
        command.Parameters.AddWithValue("statuses", entries.Select(e => e.Status).ToArray());
        command.Parameters.AddWithValue("request_ids", entries.Select(e => e.RequestId).ToArray());
        command.Parameters.Add(new NpgsqlParameter("client_ips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.ClientIp).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("user_agents", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.UserAgent).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(string tenantId, AuditQuery query, DateTimeOffset oldestKept, CancellationToken cancellationToken = default)
    {
        var limit = Math.Max(1, query.Limit);
        await using var command = database.TenantCommand(Page, serviceId, tenantId);
        command.Parameters.AddWithValue("oldest", oldestKept.UtcDateTime);
        command.Parameters.Add(Optional("from", NpgsqlDbType.TimestampTz, query.From?.UtcDateTime));
        command.Parameters.Add(Optional("to", NpgsqlDbType.TimestampTz, query.To?.UtcDateTime));
        command.Parameters.Add(Optional("action", NpgsqlDbType.Text, query.Action));
        command.Parameters.Add(Optional("actor", NpgsqlDbType.Text, query.Actor));
        command.Parameters.Add(Optional("before", NpgsqlDbType.Text, query.Before));
        // One more than asked: whether it exists says if there is a next page.
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<AuditEntry>(Math.Min(limit + 1, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AuditEntry(reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), tenantId, reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        if (items.Count <= limit)
        {
            return new AuditPage(items, null);
        }
        items.RemoveAt(limit);
        return new AuditPage(items, items[^1].Id);
    }

    public async Task<int> ForgetBeforeAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = database.TenantCommand(Forget, serviceId, tenantId);
        command.Parameters.AddWithValue("cutoff", cutoff.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Optional(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
