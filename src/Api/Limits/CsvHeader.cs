namespace Actors.Api.Limits;

/// <summary>Counts the fields of a CSV's header row without reading the rest, so a too-wide upload is refused before it is parsed.</summary>
public static class CsvHeader
{
    public static int CountFields(string csv)
    {
        var i = csv.Length > 0 && csv[0] == '\uFEFF' ? 1 : 0;
        while (i < csv.Length && csv[i] is '\r' or '\n')
        {
            i++;
        }
        if (i == csv.Length)
        {
            return 0;
        }
        var fields = 1;
        var quoted = false;
        for (; i < csv.Length; i++)
        {
            switch (csv[i])
            {
                case '"':
                    quoted = !quoted; // A doubled quote flips twice: no net change.
                    break;
                case ',' when !quoted:
                    fields++;
                    break;
                case '\r' or '\n' when !quoted:
                    return fields;
            }
        }
        return fields;
    }
}
