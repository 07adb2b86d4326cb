using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Actors.Bench;

/// <summary>Deterministic data_interpretation request bodies: three numeric columns and one categorical one.</summary>
public static class Payload
{
    public const string Header = "region,units,unit_price,revenue";
    private static readonly string[] Regions = ["north", "south", "east", "west", "central"];

    /// <summary>The CSV text for one job; the same (seed, job) always gives the same rows.</summary>
    public static string Csv(int rows, int seed, int job)
    {
        var random = new Random(unchecked(seed * 7919 + job));
        var csv = new StringBuilder(Header.Length + rows * 32);
        csv.Append(Header);
        for (var i = 0; i < rows; i++)
        {
            var region = Regions[random.Next(Regions.Length)];
            var units = random.Next(1, 500);
            var price = Math.Round(5 + random.NextDouble() * 95, 2);
            var revenue = Math.Round(units * price * (0.9 + random.NextDouble() * 0.2), 2);
            csv.Append('\n').Append(region).Append(',')
                .Append(units.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(price.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                .Append(revenue.ToString("0.00", CultureInfo.InvariantCulture));
        }
        return csv.ToString();
    }

    /// <summary>The UTF-8 JSON body <c>{"type":"data_interpretation","csv":"..."}</c>.</summary>
    public static byte[] Body(int rows, int seed, int job)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "data_interpretation");
            json.WriteString("csv", Csv(rows, seed, job));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
