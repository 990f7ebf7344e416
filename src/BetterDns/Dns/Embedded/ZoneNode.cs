using BetterDns.Zone.Model;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// A name in the zone: either an owner of records or an empty non-terminal (a name with nothing
/// of its own but names below it, RFC 8020: it exists, so it answers NODATA, not NXDOMAIN).
/// </summary>
internal sealed class ZoneNode(DomainName name)
{
    public DomainName Name { get; } = name;

    public RRset[] Sets { get; set; } = [];

    /// <summary>True when NS records sit here below the apex: a zone cut, answered with a referral.</summary>
    public bool IsDelegation { get; set; }

    /// <summary>True when names sit below this one (set by a full build; the overlay tracks its own).</summary>
    public bool HasChildren { get; set; }

    public RRset? Find(RecordType type)
    {
        foreach (var set in Sets)
        {
            if (set.Type == type)
            {
                return set;
            }
        }

        return null;
    }
}
