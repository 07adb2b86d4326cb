using System.Text;

namespace Actors.Llm;

/// <summary>
/// Whose secret a cipher is and what it is for, sealed in as AES-GCM associated data: e.g. purpose
/// <c>provider-api-key</c>, owner <c>{tenant}/{entry}</c>.
/// </summary>
public readonly record struct SecretOwner(string Purpose, string Owner)
{
    public const string ProviderApiKey = "provider-api-key";
    public const string WebhookSecret = "webhook-secret";
    public const string CallbackSecret = "callback-secret";

    public static SecretOwner ProviderKey(string tenantId, string entryName) => new(ProviderApiKey, $"{tenantId}/{entryName}");

    public static SecretOwner Webhook(string tenantId, string webhookId) => new(WebhookSecret, $"{tenantId}/{webhookId}");

    public static SecretOwner Callback(string tenantId) => new(CallbackSecret, tenantId);

    public byte[] AssociatedData() => Encoding.UTF8.GetBytes($"actors-secret\n{Purpose}\n{Owner}");
}
