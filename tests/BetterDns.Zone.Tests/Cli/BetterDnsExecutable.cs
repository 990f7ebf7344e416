namespace BetterDns.Zone.Tests.Cli;

/// <summary>
/// Finds the built <c>betterdns.dll</c>: the host project's own output (src/BetterDns/bin/CONFIG/TFM),
/// built as a dependency of this test project with the same configuration.
/// </summary>
public static class BetterDnsExecutable
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);   // tests/X/bin/CONFIG/TFM/
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BetterDns.sln")))
            {
                var dll = System.IO.Path.Combine(dir.FullName, "src", "BetterDns", "bin", configuration, framework, "betterdns.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"betterdns.dll is not built at {dll}; build src/BetterDns first", dll);
            }
        }

        throw new DirectoryNotFoundException($"no BetterDns.sln above {testOutput.FullName}");
    }
}
