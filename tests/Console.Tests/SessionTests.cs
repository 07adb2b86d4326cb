using System.Text.RegularExpressions;

namespace Actors.Console.Tests;

/// <summary>The session and anti-forgery rules over plain HTTP: what a browser would do, without one.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SessionTests(ConsoleNode node)
{
    [GeneratedRegex("name=\"csrf_token\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>A cookie jar that signs in with <paramref name="key"/> through the form; answers the session's anti-forgery token.</summary>
    private async Task<(HttpClient Client, string Token)> SignInAsync(string key)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        var form = await client.GetStringAsync("/console/sign-in");
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrf_token"] = FormToken().Match(form).Groups["token"].Value,
            ["credential"] = key,
        }));
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        var session = JsonDocument.Parse(await client.GetStringAsync("/console/session")).RootElement;
        return (client, session.GetProperty("csrf_token").GetString()!);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyses")
        {
            Content = new StringContent("""{"type":"data_interpretation","csv":"x,y\n1,2\n2,4\n"}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add("X-CSRF-Token", token);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_sessions_change_needs_its_own_anti_forgery_token()
    {
        var (mine, myToken) = await SignInAsync(node.DemoKey);
        var (_, othersToken) = await SignInAsync(node.DemoKey);
        using (mine)
        {
            using var none = await SubmitAsync(mine, null);
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
            Assert.Equal("csrf_token_invalid", JsonDocument.Parse(await none.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            using var others = await SubmitAsync(mine, othersToken);
            Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
            using var own = await SubmitAsync(mine, myToken);
            Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        }
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_token_and_the_cookie_holds_no_key()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        using var forged = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = node.DemoKey }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var refused) ? refused : [], c => c.StartsWith("actors_session=", StringComparison.Ordinal));

        var form = await client.GetStringAsync("/console/sign-in");
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrf_token"] = FormToken().Match(form).Groups["token"].Value,
            ["credential"] = node.DemoKey,
            ["return_to"] = "https://elsewhere.example/console",
        }));
        Assert.Equal("/console", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("actors_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(node.DemoKey, cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(Actors.Api.Auth.ApiKeyHash.Of(node.DemoKey), cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_token_signs_in_with_the_role_it_carries_until_it_expires()
    {
        var (user, _) = await SignInAsync(Token("alice", "viewer", DateTime.UtcNow.AddMinutes(10)));
        using (user)
        {
            var session = JsonDocument.Parse(await user.GetStringAsync("/console/session")).RootElement;
            Assert.Equal("demo", session.GetProperty("tenant_id").GetString());
            Assert.Equal("viewer", session.GetProperty("role").GetString());
            Assert.Equal("user:alice", session.GetProperty("actor").GetString());
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/analyses?per_page=1")).StatusCode);
        }

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        var form = await client.GetStringAsync("/console/sign-in");
        using var expired = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["csrf_token"] = FormToken().Match(form).Groups["token"].Value,
            ["credential"] = Token("bob", "admin", DateTime.UtcNow.AddMinutes(-10)),
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("The bearer token has expired.", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Token(string subject, string role, DateTime expires) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = ConsoleNode.JwtIssuer,
            Audience = ConsoleNode.JwtAudience,
            NotBefore = expires.AddHours(-1),
            IssuedAt = expires.AddHours(-1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["tenant_id"] = "demo", ["roles"] = role },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(ConsoleNode.JwtSigningKey)),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task Revoking_the_key_ends_the_sessions_it_opened()
    {
        using var admin = node.Client(node.DemoKey);
        using var issued = await admin.PostAsync("/api/v1/keys", new StringContent("""{"name":"short-lived","scopes":["analyses:read"]}""", Encoding.UTF8, "application/json"));
        var key = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var (session, _) = await SignInAsync(key.GetProperty("key").GetString()!);
        using (session)
        {
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/analyses?per_page=1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/keys/{key.GetProperty("id").GetString()}")).StatusCode);

            using var after = await session.GetAsync("/api/v1/analyses?per_page=1");
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            using var page = await session.GetAsync("/console/jobs");
            Assert.StartsWith("/console/sign-in", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Console_pages_load_only_their_own_scripts_and_styles()
    {
        var (client, _) = await SignInAsync(node.DemoKey);
        using (client)
        {
            foreach (var path in new[] { "/console/jobs", "/console/assets/console.js", "/console/sign-in" })
            {
                using var response = await client.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{path} answered {(int)response.StatusCode}");
                var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
                Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
                Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            }
            using var script = await client.GetAsync("/console/assets/console.js");
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/console/assets/missing.js")).StatusCode);
        }
    }
}
