using System.Globalization;

namespace Actors.Bench;

/// <summary>Command-line options of the benchmark.</summary>
public sealed class BenchOptions
{
    public const string KeyVariable = "ACTORS_DEV_API_KEY";
    public static readonly string KeyFile = Path.Combine(".actors", "dev-api-key");

    public Uri Url { get; private set; } = new("http://localhost:5000");
    public string? Key { get; private set; }
    public string KeySource { get; private set; } = "--key";
    public int Jobs { get; private set; } = 200;
    public int Concurrency { get; private set; } = 8;
    public int Listeners { get; private set; } = 64;
    public int Rows { get; private set; } = 50;
    public int Warmup { get; private set; } = 20;
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(120);
    public int Seed { get; private set; } = 42;
    public string? JsonPath { get; private set; }
    public bool Quiet { get; private set; }
    public int Probe { get; private set; }

    public const string Usage = """
        Actors.Bench: submits data_interpretation jobs over HTTP and follows each job's SSE stream to completion.

        Usage: dotnet run -c Release --project bench/Actors.Bench -- [options]

          --url <url>          node base URL                                   (default http://localhost:5000)
          --key <key>          API key (X-API-Key)        (default $ACTORS_DEV_API_KEY, else .actors/dev-api-key
                                                           found by walking up to the folder holding Actors.sln)
          --jobs <n>           measured jobs                                   (default 200)
          --concurrency <n>    concurrent submitting workers                   (default 8)
          --listeners <n>      max concurrently open event streams             (default 64)
          --rows <n>           CSV rows per job payload                        (default 50)
          --warmup <n>         jobs run first and not measured                 (default 20)
          --timeout <seconds>  per-job deadline, submit start -> terminal event (default 120)
          --seed <n>           payload random seed                             (default 42)
          --json <path>        also write the results as JSON
          --quiet              no progress lines on stderr
          --probe <n>          instead of jobs: n cheap authenticated reads, timed (rate-limit overhead)
          -h, --help           this text

        Exit codes: 0 all jobs completed; 1 a submit failed or a job did not complete in time;
                    2 bad arguments, no API key, or the node is not reachable.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message when they are wrong.</summary>
    public static BenchOptions Parse(string[] args, out bool help)
    {
        var options = new BenchOptions();
        help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inlineValue = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }
                return args[++i];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    return options;
                case "--url":
                    var raw = Value().TrimEnd('/');
                    if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    {
                        throw new ArgumentException($"--url must be an absolute http(s) URL, got '{raw}'.");
                    }
                    options.Url = url;
                    break;
                case "--key":
                    options.Key = Value().Trim();
                    break;
                case "--jobs":
                    options.Jobs = PositiveInt(arg, Value(), allowZero: false);
                    break;
                case "--concurrency":
                    options.Concurrency = PositiveInt(arg, Value(), allowZero: false);
                    break;
                case "--listeners":
                    options.Listeners = PositiveInt(arg, Value(), allowZero: false);
                    break;
                case "--rows":
                    options.Rows = PositiveInt(arg, Value(), allowZero: false);
                    break;
                case "--warmup":
                    options.Warmup = PositiveInt(arg, Value(), allowZero: true);
                    break;
                case "--timeout":
                    var text = Value();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        throw new ArgumentException($"--timeout must be a positive number of seconds, got '{text}'.");
                    }
                    options.Timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--seed":
                    var seedText = Value();
                    if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                    {
                        throw new ArgumentException($"--seed must be an integer, got '{seedText}'.");
                    }
                    options.Seed = seed;
                    break;
                case "--json":
                    options.JsonPath = Value();
                    break;
                case "--quiet":
                    options.Quiet = true;
                    break;
                case "--probe":
                    options.Probe = PositiveInt(arg, Value(), allowZero: false);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Try --help.");
            }
        }

        if (string.IsNullOrEmpty(options.Key))
        {
            options.ResolveKey();
        }
        return options;
    }

    private void ResolveKey()
    {
        var fromEnv = Environment.GetEnvironmentVariable(KeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            Key = fromEnv.Trim();
            KeySource = "$" + KeyVariable;
            return;
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "Actors.sln")))
            {
                continue;
            }
            var path = Path.Combine(folder.FullName, KeyFile);
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } saved)
            {
                Key = saved;
                KeySource = path;
                return;
            }
            throw new ArgumentException(
                $"No API key: --key not given, ${KeyVariable} not set, and {path} does not exist. Start a node once (it creates the file) or pass --key.");
        }
        throw new ArgumentException(
            $"No API key: --key not given, ${KeyVariable} not set, and no folder holding Actors.sln above {Directory.GetCurrentDirectory()} to find {KeyFile} in.");
    }

    private static int PositiveInt(string name, string text, bool allowZero)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0 || (value == 0 && !allowZero))
        {
            throw new ArgumentException($"{name} must be a {(allowZero ? "non-negative" : "positive")} integer, got '{text}'.");
        }
        return value;
    }
}
