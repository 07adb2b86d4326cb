using System.Globalization;

namespace Actors.Api.Tests.Observability;

/// <summary>One series' value in a scrape: <c>name{label="value",…} 42</c>.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A parsed <c>GET /metrics</c> answer in the Prometheus text exposition format (version 0.0.4):
/// comment lines are skipped, every other line is one sample.
/// </summary>
public sealed class Scrape
{
    private Scrape(IReadOnlyList<Sample> samples, string text)
    {
        Samples = samples;
        Text = text;
    }

    public IReadOnlyList<Sample> Samples { get; }

    public string Text { get; }

    /// <summary>Scrapes <c>/metrics</c> and asserts a 200 answer.</summary>
    public static async Task<Scrape> TakeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics: expected 200, got {(int)response.StatusCode}: {text}");
        return Parse(text);
    }

    public static Scrape Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            samples.Add(ParseSample(line));
        }
        return new Scrape(samples, text);
    }

    /// <summary>The sum of every series of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when there is none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    /// <summary>The series of one metric, for failure messages.</summary>
    public string Describe(string name)
    {
        var lines = Samples.Where(s => s.Name == name).Select(s => s.ToString()).ToList();
        return lines.Count == 0 ? $"no {name} series" : string.Join("; ", lines);
    }

    private static Sample ParseSample(string line)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' '))
        {
            position++;
        }
        var name = line[..position];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var label = line[position..equals].Trim(',', ' ');
                position = equals + 2; // past ="
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] == 'n' ? '\n' : line[position]);
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                    position++;
                }
                labels[label] = value.ToString();
                position++; // past the closing quote
                if (line[position] == ',')
                {
                    position++;
                }
            }
            position++; // past }
        }
        var fields = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Sample(name, labels, ParseValue(fields[0]));
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
