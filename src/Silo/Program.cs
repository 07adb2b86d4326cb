using Actors.Silo;
using Actors.Silo.Logging;
using Actors.Silo.Storage;
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
    var builder = Host.CreateApplicationBuilder(args);
    SettingsCheck.ThrowIfInvalid(builder.Configuration);
    // The same log as the API node's: text or JSON (Actors:Logging:Format), OTLP where an endpoint is set.
    builder.Services.AddSerilog((services, logger) => logger
        .ActorsSources(builder.Configuration)
        .ActorsSinks(builder.Configuration));
    builder.UseOrleans(silo => silo.AddActors(builder.Configuration));
    await builder.Build().RunAsync();
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
