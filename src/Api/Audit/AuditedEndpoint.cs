namespace Actors.Api.Audit;

/// <summary>Endpoint metadata: calls to this endpoint are recorded in the caller's audit log under <see cref="Action"/>.</summary>
public sealed record AuditedEndpoint(string Action);

public static class AuditedEndpoints
{
    /// <summary>Records every authenticated call of this endpoint as <paramref name="action"/> (e.g. <c>tenant.create</c>), whatever its outcome.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditedEndpoint(action));
}
