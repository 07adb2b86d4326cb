namespace Actors.Tests;

/// <summary>Files of the checkout the tests run from, found from the folder holding Actors.sln. Linked into every test project (tests/Directory.Build.props).</summary>
public static class Repository
{
    public static string PathOf(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Actors.sln")))
            {
                return Path.Combine([folder.FullName, .. parts]);
            }
        }
        throw new InvalidOperationException($"No folder holding Actors.sln above {AppContext.BaseDirectory}.");
    }
}
