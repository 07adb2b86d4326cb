using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Production.Tests.Cluster;

/// <summary>Submits jobs the way a careful client does (Idempotency-Key, retry until 202) and follows them to the end.</summary>
public static class JobLoad
{
    /// <summary>How long a careful client keeps retrying one submission through a failover.</summary>
    private static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(60);

    private const string Csv = "x,y,region\n1,2,north\n2,4,south\n3,7,north\n4,8,east\n5,11,south\n6,13,north\n";

    /// <summary>Submits <paramref name="count"/> jobs, <paramref name="parallel"/> at a time; returns the accepted job ids.</summary>
    /// <param name="batch">Names the Idempotency-Keys (<c>{batch}-{i}</c>): a second batch of a test needs its own, or it gets the first's jobs back.</param>
    public static async Task<IReadOnlyList<string>> SubmitAsync(HttpClient http, int count, int parallel, Func<int, Task>? afterEach = null, string batch = "load")
    {
        var ids = new string[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                ids[i] = await SubmitOneAsync(http, $"{batch}-{i}");
                if (afterEach is not null)
                {
                    await afterEach(i);
                }
            }
        }));
        return ids;
    }

    /// <summary>A submit whose answer was lost (a dying node, a 503) is retried with the same key: it can only make one job.</summary>
    public static async Task<string> SubmitOneAsync(HttpClient http, string idempotencyKey)
    {
        Exception? last = null;
        var jobId = await Poll.UntilAsync(async () =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyses")
                {
                    Content = JsonContent.Create(new { type = "data_interpretation", csv = Csv }),
                };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();
                }
                last = new HttpRequestException($"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex;
            }
            return null;
        }, id => id is not null, SubmitTimeout, $"submit {idempotencyKey} to be accepted", _ => last?.Message ?? "no answer");
        return jobId!;
    }

    /// <summary>Polls every job until all are terminal; returns their final statuses.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> WaitForAllAsync(HttpClient http, IReadOnlyList<string> jobIds, TimeSpan timeout)
    {
        var statuses = new Dictionary<string, string>();
        bool Open(string id) => !statuses.TryGetValue(id, out var status) || !IsTerminal(status);
        await Poll.UntilAsync(async () =>
        {
            foreach (var id in jobIds.Where(Open).ToList())
            {
                try
                {
                    using var response = await http.GetAsync($"/api/v1/analyses/{id}");
                    if (response.IsSuccessStatusCode)
                    {
                        statuses[id] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // The node is failing over; ask again.
                }
            }
            return jobIds.Where(Open).ToList();
        }, open => open.Count == 0, timeout, $"all {jobIds.Count} jobs to finish", open => $"{open.Count} unfinished, e.g. {string.Join(", ", open.Take(5))}");
        return statuses;
    }

    private static bool IsTerminal(string status) => status is "completed" or "failed" or "cancelled";
}
