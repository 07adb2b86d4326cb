using Actors.Api.Problems;
using Actors.Webhooks;

namespace Actors.Api.Webhooks;

/// <summary>The submit endpoint's check of a <c>callback_url</c> against the delivery target rules (see <see cref="WebhookTargetGuard"/>).</summary>
public static class CallbackTargets
{
    /// <summary>A 422 <c>target_not_allowed</c> problem when the callback URL may not receive deliveries; null when it may (or there is none).</summary>
    public static async Task<IResult?> RefuseAsync(HttpContext http, string? callbackUrl)
    {
        if (callbackUrl is null)
        {
            return null;
        }
        var guard = http.RequestServices.GetRequiredService<WebhookTargetGuard>();
        var refusal = await guard.RefusalAsync(callbackUrl, http.RequestAborted);
        return refusal is null ? null : WebhookEndpoints.TargetNotAllowed("callback_url", refusal);
    }
}
