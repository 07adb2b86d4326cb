using Actors.Silo;
using Actors.Silo.Logging;
using Actors.Silo.Storage;
using Microsoft.AspNetCore.Builder;
using Serilog;

// `migrate` applies the PostgreSQL schema (deploy/sql) and exits; it never starts a silo.
if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

// The standalone silo host. Until production clustering is configured it runs the embedded
// default on its own (localhost clustering, in-memory state); the API co-hosts the same silo.
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    var management = SiloManagement.From(new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build());
    // With a management port the host is a web host too, for the health endpoints; without, a plain host.
    var web = management.Port is null ? null : WebApplication.CreateBuilder(args);
    IHostApplicationBuilder builder = web ?? (IHostApplicationBuilder)Host.CreateApplicationBuilder(args);
    SettingsCheck.ThrowIfInvalid(builder.Configuration);
    // The same log as the API node's: text or JSON (Actors:Logging:Format), OTLP where an endpoint is set.
    builder.Services.AddSerilog((services, logger) => logger
        .ActorsSources(builder.Configuration)
        .ActorsSinks(builder.Configuration));
    builder.UseOrleans(silo => silo.AddActors(builder.Configuration));
    if (web is not null)
    {
        management.AddTo(web);
        var app = web.Build();
        SiloManagement.Map(app);
        await app.RunAsync();
    }
    else
    {
        await ((HostApplicationBuilder)builder).Build().RunAsync();
    }
    return 0;
}
catch (Exception ex)
{
    Log.Fatal(ex, "The silo stopped on an error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
