namespace BetterDns.Zone.Parsing;

/// <summary>How <see cref="ZoneFileParser"/> reads a zone.</summary>
public sealed record ZoneParserOptions
{
    /// <summary>Named in errors, and the directory of this file is where <c>$INCLUDE</c> paths start.</summary>
    public string FileName { get; init; } = "<input>";

    public int MaxIncludeDepth { get; init; } = 8;

    /// <summary>Reads an included file (path to bytes); null reads from the file system.</summary>
    public Func<string, byte[]>? IncludeReader { get; init; }

    /// <summary>The TTL of records without one when there is no <c>$TTL</c>, no earlier TTL and no SOA to take it from.</summary>
    public uint? DefaultTtl { get; init; }

    /// <summary>
    /// Read a file of 1 MB or more in pieces, one per core (the same result as reading in order). Off by
    /// default: on a machine with no idle core it was no faster and took 13 MB more (docs/benchmarks.md).
    /// </summary>
    public bool ReadInParallel { get; init; }

    /// <summary>
    /// Hold what is read compactly: names (owners and names in RDATA) as ASCII octets instead of strings,
    /// and A records' addresses inside the record instead of an <see cref="Model.AData"/> each. The
    /// same zone (equal names and records, same hashes, same text) in about a quarter less memory, but
    /// each read of <see cref="Model.DomainName.Value"/> builds a string and each read of an inline A
    /// record's <see cref="Model.ResourceRecord.Data"/> builds its <see cref="Model.AData"/>. For batch
    /// work (<c>betterdns zone</c>, the benchmark); a server that keeps the zone and reads it often is
    /// better off without.
    /// </summary>
    public bool CompactRecords { get; init; }
}
