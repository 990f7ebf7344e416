namespace BetterDns.Registry;

/// <summary>Whether the DNS server already answers with a registration (panda-kick's status).</summary>
public enum SyncStatus
{
    Pending,
    InSync,
}
