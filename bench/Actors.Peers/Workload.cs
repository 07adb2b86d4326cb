namespace Actors.Peers;

/// <summary>
/// One workload, run the same way against every system (bench/peers/bullmq/peer.mjs mirrors these
/// fields). <see cref="Concurrency"/> is the worker concurrency the system is started with: BullMQ's
/// Worker concurrency, Actors' per-tenant run slots.
/// </summary>
public sealed record Workload(
    string Kind,
    string Label,
    int Concurrency,
    int Jobs = 0,
    int Submitters = 1,
    int[]? Rates = null,
    double Seconds = 0,
    int DelayMs = 0,
    int Low = 0,
    int High = 0,
    int HighSpacingMs = 0,
    double SaturationP99Ms = 2000);

/// <summary>The 1 KB CSV payload of job <c>i</c>: the same bytes as peer.mjs's <c>payload(i)</c>.</summary>
public static class Payload
{
    public static string Csv(int i)
    {
        var csv = new System.Text.StringBuilder("region,units,unit_price,revenue\n");
        for (var row = 0; csv.Length < 1000; row++)
        {
            var units = ((i * 31 + row * 17) % 97) + 1;
            var price = ((i * 7 + row * 13) % 50) + 10;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"r{row % 5},{units},{price},{units * price}\n");
        }
        var text = csv.ToString();
        return text[..(text.LastIndexOf('\n', Math.Min(1000, text.Length - 1)) + 1)];
    }
}

/// <summary>Nearest-rank percentiles over milliseconds.</summary>
public static class Percentile
{
    public static double? Of(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count), 1, sorted.Count) - 1];
}
