using System.Security.Cryptography;
using System.Text;

namespace Actors.Silo.Storage;

/// <summary>
/// One numbered schema change: a file of <c>deploy/sql</c> such as <c>0001_grain_state.sql</c>,
/// whose leading number orders it. Once applied it is never edited; a later change is a new file.
/// </summary>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the text with line endings normalised, so a checkout that turns LF into CRLF does
    /// not look like an edited migration while any real change does.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Reads the version from a file name's leading digits (<c>0001_grain_state.sql</c> → 1).</summary>
    public static SchemaMigration FromFile(string name, string sql)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || digits >= name.Length || name[digits] != '_')
        {
            throw new SchemaMigrationException($"Migration file '{name}' does not start with a version number and '_' (e.g. 0001_grain_state.sql).");
        }
        return new SchemaMigration(int.Parse(name.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture), name, sql);
    }
}
