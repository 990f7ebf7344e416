namespace BetterDns.Dns.Bridges.CoreDns;

/// <summary>Finds the <c>coredns</c> executable: a path as given, or a name searched on PATH.</summary>
public static class CoreDnsBinary
{
    public static string? Find(string binary, string? pathVariable = null)
    {
        if (binary.Contains('/'))
        {
            return File.Exists(binary) ? Path.GetFullPath(binary) : null;
        }

        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, binary))
            .FirstOrDefault(File.Exists);
    }
}
