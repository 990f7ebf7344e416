namespace BetterDns.Reliability.Concurrency;

/// <summary>What one concurrent client holds at the end, by its own acknowledged changes, and what went wrong on the way.</summary>
public sealed class ClientRun
{
    /// <summary>(name, address) pairs this client's last acknowledged change left registered.</summary>
    public HashSet<(string Name, string Ip)> Held { get; } = [];

    /// <summary>For a client whose token no other client shares: its whole pool per name.</summary>
    public Dictionary<string, SortedSet<string>> Pools { get; } = new(StringComparer.Ordinal);

    public int Acknowledged { get; set; }

    public int Refused { get; set; }

    public int Reads { get; set; }

    public List<string> Failures { get; } = [];
}
