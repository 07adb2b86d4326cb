using System.Text.RegularExpressions;

namespace Actors.Console.Tests;

/// <summary>The session cookie is Secure exactly when the console is served over HTTPS; HttpOnly and SameSite=Strict always.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SecureCookieTests(ConsoleNode node, HttpsNode https) : IClassFixture<HttpsNode>
{
    [GeneratedRegex("name=\"csrf_token\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>Signs in through the form over <paramref name="client"/>; answers the Set-Cookie lines of the form's and the sign-in's answers.</summary>
    private static async Task<IReadOnlyList<string>> SignInCookiesAsync(HttpClient client, string key)
    {
        using var page = await client.GetAsync("/console/sign-in");
        var form = await page.Content.ReadAsStringAsync();
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrf_token"] = FormToken().Match(form).Groups["token"].Value,
            ["credential"] = key,
        }));
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        return [.. page.Headers.GetValues("Set-Cookie"), .. signIn.Headers.GetValues("Set-Cookie")];
    }

    private static string[] Attributes(IReadOnlyList<string> cookies, string name)
    {
        var cookie = Assert.Single(cookies, c => c.StartsWith(name + "=", StringComparison.Ordinal));
        return [.. cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];
    }

    [Fact]
    public async Task Over_HTTPS_the_session_cookie_is_Secure_HttpOnly_and_SameSite_Strict()
    {
        using var client = https.CookieClient();
        var cookies = await SignInCookiesAsync(client, https.DemoKey);

        var session = Attributes(cookies, "actors_session");
        Assert.Contains("secure", session);
        Assert.Contains("httponly", session);
        Assert.Contains("samesite=strict", session);
        // The anti-forgery cookie follows the same rule.
        Assert.Contains("secure", Attributes(cookies, "actors_csrf"));
        // The session works over HTTPS with the cookie the jar kept.
        Assert.Equal("demo", JsonDocument.Parse(await client.GetStringAsync("/console/session")).RootElement.GetProperty("tenant_id").GetString());
    }

    [Fact]
    public async Task Over_plain_HTTP_the_session_cookie_is_HttpOnly_and_SameSite_Strict_but_not_Secure()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        var cookies = await SignInCookiesAsync(client, node.DemoKey);

        var session = Attributes(cookies, "actors_session");
        Assert.DoesNotContain("secure", session);
        Assert.Contains("httponly", session);
        Assert.Contains("samesite=strict", session);
    }

    [Fact]
    public void A_browser_signed_in_over_HTTPS_holds_a_Secure_session_cookie()
    {
        // Chromium trusts this test's certificate, by its public key, and no other.
        using var browser = new Browser(https.BaseAddress, arguments: [$"--ignore-certificate-errors-spki-list={https.PublicKeyPin}"]);
        browser.SignInAndWait(https.DemoKey);

        var session = browser.Driver.Manage().Cookies.GetCookieNamed("actors_session");
        Assert.NotNull(session);
        Assert.True(session.Secure, "over HTTPS the session cookie must be Secure");
        Assert.True(session.IsHttpOnly, "the session cookie must be HttpOnly");
        Assert.Equal("Strict", session.SameSite);
    }
}
