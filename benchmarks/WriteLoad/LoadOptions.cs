namespace WriteLoad;

/// <summary>What one run does; parsed from <c>--key value</c> pairs (see <see cref="Parse"/>).</summary>
public sealed record LoadOptions(
    string Target,
    Uri Url,
    string DnsHost,
    int DnsPort,
    string Zone,
    string Credential,
    int Clients,
    TimeSpan Duration,
    TimeSpan WarmUp,
    Mix Mix,
    string Prefix,
    int VisibilitySamples,
    string? Output,
    string Label,
    int? ServerPid,
    double? Rate)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string key) => values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
        string Optional(string key, string fallback) => values.GetValueOrDefault(key, fallback);

        var target = Required("target");
        if (target is not ("betterdns" or "powerdns"))
        {
            throw new ArgumentException("--target is betterdns or powerdns");
        }

        var dns = Required("dns").Split(':');
        return new LoadOptions(
            target,
            new Uri(Required("url")),
            dns[0],
            int.Parse(dns[1]),
            Optional("zone", "cluster.internal.").TrimEnd('.') + ".",
            Required(target == "betterdns" ? "token" : "api-key"),
            int.Parse(Optional("clients", "1")),
            TimeSpan.FromSeconds(double.Parse(Optional("duration", "15"))),
            TimeSpan.FromSeconds(double.Parse(Optional("warmup", "3"))),
            Mix.Parse(Optional("mix", "60/30/10")),
            Optional("prefix", "wl"),
            int.Parse(Optional("visibility-samples", "50")),
            values.GetValueOrDefault("out"),
            Optional("label", target),
            values.TryGetValue("server-pid", out var pid) ? int.Parse(pid) : null,
            values.TryGetValue("rate", out var rate) ? double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}

/// <summary>Percentages of registrations of new names, address updates and deletes.</summary>
public sealed record Mix(int Create, int Update, int Delete)
{
    public static Mix Parse(string text)
    {
        var parts = text.Split('/').Select(int.Parse).ToArray();
        if (parts.Length != 3 || parts.Sum() != 100 || parts.Any(p => p < 0))
        {
            throw new ArgumentException("--mix is create/update/delete percentages summing to 100, e.g. 60/30/10");
        }

        return new Mix(parts[0], parts[1], parts[2]);
    }
}
