using Actors.Silo;
using Serilog;

// The standalone silo host. Until production clustering is configured it runs the embedded
// default on its own (localhost clustering, in-memory state); the API co-hosts the same silo.
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Services.AddSerilog((services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .Enrich.FromLogContext()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
    builder.UseOrleans(silo => silo.AddActorsEmbedded(builder.Configuration));
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
