using Actors.Api.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Actors.Api.WebConsole;

public static class ConsoleSetup
{
    /// <summary>The console's session scheme, anti-forgery tokens and the data protection both use.</summary>
    public static IServiceCollection AddActorsConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ConsoleOptions>(configuration.GetSection(ConsoleOptions.Section));
        services.AddSingleton<ConsoleSessions>();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfCheck.HeaderName;
            options.FormFieldName = CsrfCheck.FieldName;
            options.Cookie.Name = "actors_csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY on every answer.
        });
        services.AddAuthentication().AddCookie(ConsoleSessions.Scheme, options =>
        {
            options.Cookie.Name = ConsoleSessions.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.SlidingExpiration = true;
            options.LoginPath = ConsoleEndpoints.Path + "/sign-in";
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().ValidateAsync(context),
                // The API answers a session that lacks a right as it answers a key: with a problem, never a redirect.
                OnRedirectToLogin = context => AuthProblems.UnauthorizedAsync(context.HttpContext, "The console session has ended; sign in again."),
                OnRedirectToAccessDenied = context => AuthProblems.ForbiddenAsync(context.HttpContext, "Your role does not grant this operation."),
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleSessions.Scheme)
            .Configure<IOptions<ConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.SessionLifetime);
        services.AddSingleton<SessionProtection>();
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp => sp.GetRequiredService<SessionProtection>()));
        return services;
    }
}
