namespace Actors.Tenants;

/// <summary>Whether a tenant may call the API and start jobs. Trial tenants work like active ones.</summary>
[GenerateSerializer, Alias("Actors.Tenants.TenantStatus")]
public enum TenantStatus
{
    Active = 0,
    Suspended = 1,
    Trial = 2,
}

public static class TenantStatusExtensions
{
    public static string ToWire(this TenantStatus status) => status switch
    {
        TenantStatus.Suspended => "suspended",
        TenantStatus.Trial => "trial",
        _ => "active",
    };

    public static bool TryParseWire(string? text, out TenantStatus status)
    {
        switch (text)
        {
            case "active":
                status = TenantStatus.Active;
                return true;
            case "suspended":
                status = TenantStatus.Suspended;
                return true;
            case "trial":
                status = TenantStatus.Trial;
                return true;
            default:
                status = TenantStatus.Active;
                return false;
        }
    }
}
