namespace Actors.Api.Dashboard;

/// <summary>
/// Who may open the Orleans Dashboard and what it shows. Bound from <c>Actors:Dashboard</c>; an unset
/// value takes the default for the kind of node (see <see cref="DashboardSetup"/>).
/// </summary>
public sealed class DashboardSettings
{
    public const string Section = "Actors:Dashboard";

    /// <summary>
    /// True: only the platform admin key opens the dashboard. False: the demo tenant's admin key does too
    /// (a newcomer's one local node has no platform key). Credentials are required either way.
    /// Default: false in Development and in the embedded default, true otherwise.
    /// </summary>
    public bool? RequireAdmin { get; set; }

    /// <summary>
    /// The dashboard's live trace (its log stream page) and continuous grain-call profiling.
    /// Default: on in Development only, since both cost on every grain call and the log stream shows every log line.
    /// </summary>
    public bool? Trace { get; set; }
}
