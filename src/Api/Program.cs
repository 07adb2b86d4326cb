using Actors.Api;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateBootstrapLogger();
try
{
    await ActorsApi.Build(args).RunAsync();
    return 0;
}
catch (Exception ex)
{
    Log.Fatal(ex, "Actors stopped on an error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to tests.</summary>
public partial class Program;
