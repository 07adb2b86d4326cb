using System.Text.Encodings.Web;

namespace Actors.Api.WebConsole;

/// <summary>The sign-in form, rendered on the server: it works without script and carries its anti-forgery token.</summary>
public static class SignInPage
{
    public static string Render(string csrfToken, string returnTo, string? error, bool acceptsTokens)
    {
        var html = HtmlEncoder.Default;
        var label = acceptsTokens ? "API key or sign-in token" : "API key";
        var hint = acceptsTokens
            ? "Paste one of your tenant's API keys, or a token from your identity provider."
            : "Paste one of your tenant's API keys.";
        var alert = error is null ? "" : $"""<p class="alert error" role="alert" id="sign-in-error">{html.Encode(error)}</p>""";
        var described = error is null ? "credential-hint" : "credential-hint sign-in-error";
        var invalid = error is null ? "" : " aria-invalid=\"true\"";
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Actors console</title>
            <link rel="stylesheet" href="{ConsoleEndpoints.AssetsPath}/console.css">
            </head>
            <body class="sign-in">
            <main class="sign-in-card">
            <h1><span class="brand">Actors</span> console</h1>
            {alert}
            <form method="post" action="{ConsoleEndpoints.Path}/sign-in" autocomplete="off">
            <input type="hidden" name="{CsrfCheck.FieldName}" value="{html.Encode(csrfToken)}">
            <input type="hidden" name="return_to" value="{html.Encode(returnTo)}">
            <label for="credential">{label}</label>
            <input id="credential" name="credential" type="password" required autofocus spellcheck="false"{invalid} aria-describedby="{described}">
            <p class="hint" id="credential-hint">{hint} It is checked once and kept by the server; this page never stores it.</p>
            <button type="submit" class="primary">Sign in</button>
            </form>
            </main>
            </body>
            </html>
            """;
    }
}
