namespace BetterDns.Dns.Wire;

/// <summary>Response codes (RFC 1035 §4.1.1, RFC 6891 §9 for the extended BADVERS).</summary>
public enum DnsResponseCode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,

    /// <summary>Extended: the upper 8 bits travel in the OPT record, the lower 4 in the header.</summary>
    BadVers = 16,
}
