using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AdminTests(ConsoleNode node, ITestOutputHelper output)
{
    [Fact]
    public async Task Rotating_a_key_shows_the_new_key_once_and_both_work_for_the_grace_period()
    {
        using var admin = node.Client(node.DemoKey);
        using var issued = await admin.PostAsync("/api/v1/keys", new StringContent("""{"name":"dashboards","scopes":["analyses:read"]}""", Encoding.UTF8, "application/json"));
        var key = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var keyId = key.GetProperty("id").GetString()!;
        var oldKey = key.GetProperty("key").GetString()!;

        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Driver.FindElement(By.LinkText("Admin")).Click();
        browser.Find($"tr[data-key='{keyId}'] button[aria-label='Rotate dashboards']", "the key's row").Click();
        var grace = browser.Find($"tr[data-key='{keyId}'] input.grace", "the rotation's grace period");
        grace.Clear();
        grace.SendKeys("600");
        browser.Driver.FindElement(By.CssSelector($"tr[data-key='{keyId}'] form.confirm button[type=submit]")).Click();

        var secret = browser.Find("[data-secret]", "the new key, shown once").Text;
        Assert.StartsWith("ak_", secret, StringComparison.Ordinal);
        Assert.NotEqual(oldKey, secret);
        Assert.Contains("shown only this once", browser.Driver.FindElement(By.CssSelector(".alert.success")).Text, StringComparison.Ordinal);
        output.WriteLine($"Screenshot: {browser.Screenshot("admin-keys")}");

        using (var rotated = node.Client(secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await rotated.GetAsync("/api/v1/analyses?per_page=1")).StatusCode);
        }
        using (var old = node.Client(oldKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/analyses?per_page=1")).StatusCode);
        }
        var keys = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/keys")).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.False(string.IsNullOrEmpty(keys.Single(k => k.GetProperty("id").GetString() == keyId).GetProperty("replaced_by").GetString()));

        browser.Driver.Navigate().Refresh();
        browser.Find($"tr[data-key='{keyId}']", "the keys after a reload");
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("[data-secret]")));
        Assert.DoesNotContain(secret, browser.Driver.PageSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_admin_section_answers_for_an_admin()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        foreach (var (section, expected) in new[] { ("webhooks", "Register a webhook"), ("providers", "statistical"), ("usage", "Group by"), ("audit", "Export as CSV") })
        {
            browser.Open($"/console/admin/{section}");
            browser.Until(d => d.FindElement(By.CssSelector(".admin-section")).Text.Contains(expected, StringComparison.Ordinal), $"the {section} section");
            Assert.Empty(browser.Driver.FindElements(By.CssSelector(".admin-section .alert.error")));
            output.WriteLine($"Screenshot: {browser.Screenshot($"admin-{section}")}");
        }
        // The audit log has this session's sign-in, under the key that opened it.
        Assert.Contains(browser.Driver.FindElements(By.CssSelector("table.audit td")), cell => cell.Text == "console.sign_in");
    }

    [Fact]
    public void An_analyst_is_not_shown_admin_and_the_page_refuses_them()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.AnalystKey);
        Assert.Equal("analyst", browser.Driver.FindElement(By.CssSelector("#who .role")).Text);
        Assert.Empty(browser.Driver.FindElements(By.LinkText("Admin")));
        browser.Open("/console/admin/keys");
        browser.Until(d => d.FindElements(By.CssSelector("main h1")).FirstOrDefault(h => h.Text == "Not allowed"), "the admin page refusing an analyst");
    }
}
