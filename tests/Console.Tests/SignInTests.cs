using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Actors.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleNode node, ITestOutputHelper output)
{
    [Fact]
    public void The_demo_key_signs_in_to_an_HttpOnly_SameSite_Strict_session_that_page_script_cannot_read()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.Open("/console");
        browser.Find("#credential", "the sign-in form the console redirects to");
        output.WriteLine($"Screenshot: {browser.Screenshot("sign-in")}");

        browser.SignInAndWait(node.DemoKey);
        browser.Find("table.jobs, p.empty", "the jobs page");
        Assert.Equal("demo", browser.Driver.FindElement(By.CssSelector("#who .tenant")).Text);
        Assert.Equal("admin", browser.Driver.FindElement(By.CssSelector("#who .role")).Text);

        var session = browser.Driver.Manage().Cookies.GetCookieNamed("actors_session");
        Assert.NotNull(session);
        Assert.True(session.IsHttpOnly, "the session cookie must be HttpOnly");
        Assert.Equal("Strict", session.SameSite);
        Assert.False(session.Secure, "over plain HTTP the cookie cannot be Secure (it is over HTTPS)");
        Assert.DoesNotContain(node.DemoKey, session.Value, StringComparison.Ordinal);
        // The key is nowhere page script can reach: not in cookies it can read, storage or the page.
        var visible = (string)browser.Script(
            "return [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.documentElement.outerHTML].join('\\n');")!;
        Assert.DoesNotContain("actors_session", visible, StringComparison.Ordinal);
        Assert.DoesNotContain(node.DemoKey, visible, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_key_is_refused_beside_the_form_and_opens_no_session()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignIn("ak_test_" + new string('0', 48));

        var error = browser.Find("#sign-in-error", "the sign-in error");
        Assert.Contains("unknown, revoked or expired", error.Text, StringComparison.Ordinal);
        Assert.Equal("true", browser.Driver.FindElement(By.Id("credential")).GetAttribute("aria-invalid"));
        Assert.Null(browser.Driver.Manage().Cookies.GetCookieNamed("actors_session"));
        browser.Open("/console/jobs");
        browser.Find("#credential", "the sign-in form, since no session was made");
    }

    [Fact]
    public void Signing_out_ends_the_session()
    {
        using var browser = new Browser(node.BaseAddress);
        browser.SignInAndWait(node.DemoKey);
        browser.Driver.FindElement(By.CssSelector("#sign-out button")).Click();
        browser.Find("#credential", "the sign-in form after signing out");

        browser.Open("/console/jobs");
        browser.Find("#credential", "the sign-in form: the old session is gone");
        Assert.Null(browser.Driver.Manage().Cookies.GetCookieNamed("actors_session"));
    }
}
