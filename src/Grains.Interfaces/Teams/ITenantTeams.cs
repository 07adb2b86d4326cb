namespace Actors.Teams;

/// <summary>The team templates a tenant registered, as validated JSON, keyed by tenant id.</summary>
[Alias("Actors.Teams.ITenantTeams")]
public interface ITenantTeams : IGrainWithStringKey
{
    /// <summary>How many team templates a tenant may register.</summary>
    public const int MaxTemplates = 100;

    [Alias("Get"), ReadOnly]
    Task<string?> Get(string name);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyDictionary<string, string>> List();

    /// <summary>Stores or replaces a template; false when the tenant already has the maximum number of templates.</summary>
    [Alias("Put")]
    Task<bool> Put(string name, string templateJson);
}
