namespace BetterDns.Dns.Embedded;

/// <summary>Responses are counted apart by kind, as BIND's RRL does (answers, NODATA, NXDOMAIN, errors).</summary>
internal enum RateLimitKind : byte
{
    Answer,
    NoData,
    NxDomain,
    Error,
}
