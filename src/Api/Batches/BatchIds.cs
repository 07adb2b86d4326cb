using System.Security.Cryptography;
using System.Text;

namespace Actors.Api.Batches;

/// <summary>
/// Batch ids, and its items' job ids derived from the batch id and the item's place: a submission repeated under
/// the same <c>Idempotency-Key</c> names the same batch and the same jobs, so a retry cut short anywhere completes
/// what the first attempt began and creates nothing twice.
/// </summary>
public static class BatchIds
{
    public static string New() => "bat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The batch a tenant's <c>Idempotency-Key</c> names (the tenant is in the grain key, so keys of two tenants never meet).</summary>
    public static string ForKey(string idempotencyKey) => "bat_" + Hash("batch-key/" + idempotencyKey);

    public static string JobOf(string batchId, int index) => "job_" + Hash($"{batchId}/{index}");

    /// <summary>Ids outside this shape are answered 404 without touching a grain.</summary>
    public static bool IsWellFormed(string id) =>
        id.Length == 36 && id.StartsWith("bat_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
