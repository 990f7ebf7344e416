using System.Collections;
using System.Globalization;
using System.Reflection;
using BetterDns.Auth;
using BetterDns.Dns;
using BetterDns.Dns.Embedded;
using BetterDns.Health;
using BetterDns.Records;
using BetterDns.Registry.Options;

namespace BetterDns.Tests.Observability;

/// <summary>
/// docs/deploy.md's configuration table is generated from the options classes: every settable property
/// of every options class has a row with its key, default and environment variable, and no row names a
/// setting that does not exist. A new option without a row fails here.
/// </summary>
public sealed class ConfigurationTableTests
{
    private const string Start = "<!-- options-table:start -->";
    private const string End = "<!-- options-table:end -->";

    // Where each options class is bound. EmbeddedDnsOptions is special: Dns:Listen, the rest from Dns:Embedded.
    private static readonly (Type Type, string Section)[] Roots =
    [
        (typeof(ZoneOptions), ZoneOptions.Section),
        (typeof(StorageOptions), StorageOptions.Section),
        (typeof(RegistryOptions), RegistryOptions.Section),
        (typeof(AuthOptions), AuthOptions.Section),
        (typeof(RegistrationOptions), RegistrationOptions.Section),
        (typeof(HealthOptions), HealthOptions.Section),
        (typeof(DnsControllerOptions), DnsControllerOptions.Section),
        (typeof(EmbeddedDnsOptions), "Dns:Embedded"),
        (typeof(BetterDns.RateLimiting.RateLimitOptions), BetterDns.RateLimiting.RateLimitOptions.Section),
    ];

    [Fact]
    public void EveryOptionHasARowWithItsDefaultAndEnvironmentVariable()
    {
        var documented = DocumentedRows();
        var expected = Options().ToList();
        var missing = expected.Where(o => !documented.TryGetValue(o.Key, out var row) || row != (o.Default, o.Environment)).ToList();

        Assert.True(missing.Count == 0,
            "docs/deploy.md lacks or misstates these rows (key | default | environment variable):\n"
            + string.Join("\n", missing.Select(o => $"| `{o.Key}` | {o.Default} | `{o.Environment}` |")));
    }

    [Fact]
    public void EveryRowNamesAnExistingOption()
    {
        var keys = Options().Select(o => o.Key).ToHashSet();
        var stale = DocumentedRows().Keys.Where(k => !keys.Contains(k)).ToList();

        Assert.True(stale.Count == 0, "docs/deploy.md documents settings that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryOptionsClassIsCovered()
    {
        var covered = new HashSet<Type>();
        foreach (var (type, _) in Roots)
        {
            Walk(type, covered);
        }

        var all = typeof(ZoneOptions).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal) && t.Namespace?.StartsWith("BetterDns", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Empty(all.Where(t => !covered.Contains(t)).Select(t => t.FullName));
    }

    private static IEnumerable<(string Key, string Default, string Environment)> Options()
    {
        foreach (var (type, section) in Roots)
        {
            foreach (var option in Properties(type, section, Activator.CreateInstance(type)!))
            {
                yield return option;
            }
        }
    }

    private static IEnumerable<(string Key, string Default, string Environment)> Properties(Type type, string prefix, object instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var key = type == typeof(EmbeddedDnsOptions) && property.Name == nameof(EmbeddedDnsOptions.Listen) ? "Dns:Listen" : prefix + ":" + property.Name;
            var value = property.GetValue(instance);
            if (IsNested(property.PropertyType))
            {
                foreach (var nested in Properties(property.PropertyType, key, value ?? Activator.CreateInstance(property.PropertyType)!))
                {
                    yield return nested;
                }

                continue;
            }

            var isList = property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);
            var environment = "BETTERDNS__" + key.Replace(":", "__", StringComparison.Ordinal) + (isList ? "__0" : "");
            yield return (key, Format(value), environment);
        }
    }

    private static void Walk(Type type, HashSet<Type> covered)
    {
        covered.Add(type);
        foreach (var property in type.GetProperties().Where(p => IsNested(p.PropertyType)))
        {
            Walk(property.PropertyType, covered);
        }
    }

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    internal static string Format(object? value) => value switch
    {
        null => "(none)",
        string { Length: 0 } => "(empty)",
        string s => $"`{s}`",
        bool b => b ? "`true`" : "`false`",
        TimeSpan t => $"`{t.ToString("c", CultureInfo.InvariantCulture)}`",
        IEnumerable list when !list.Cast<object>().Any() => "(empty list)",
        IEnumerable list => "`" + string.Join(", ", list.Cast<object>()) + "`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    private static Dictionary<string, (string Default, string Environment)> DocumentedRows()
    {
        var text = File.ReadAllText(Path.Combine(BetterDns.Testing.RepositoryRoot.Path, "docs", "deploy.md"));
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/deploy.md has no {Start} … {End} section");
        var rows = new Dictionary<string, (string, string)>();
        foreach (var line in text[start..end].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            rows[cells[1].Trim('`')] = (cells[2], cells[3].Trim('`'));
        }

        return rows;
    }
}
