namespace BetterDns.Testing;

/// <summary>The repository checkout the tests run from (the directory holding BetterDns.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "BetterDns.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("BetterDns.sln not found above " + AppContext.BaseDirectory);
    }
}
