namespace BetterDns.Zone.Model;

/// <summary>
/// DNS RR type codes (IANA registry). Any 16-bit value is a valid <see cref="RecordType"/>;
/// the named members are the ones with a mnemonic in <see cref="RecordTypes"/>.
/// </summary>
public enum RecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    HINFO = 13,
    MX = 15,
    TXT = 16,
    RP = 17,
    AFSDB = 18,
    RT = 21,
    AAAA = 28,
    LOC = 29,
    SRV = 33,
    NAPTR = 35,
    KX = 36,
    CERT = 37,
    DNAME = 39,
    DS = 43,
    SSHFP = 44,
    RRSIG = 46,
    NSEC = 47,
    DNSKEY = 48,
    NSEC3 = 50,
    NSEC3PARAM = 51,
    TLSA = 52,
    SMIMEA = 53,
    CDS = 59,
    CDNSKEY = 60,
    OPENPGPKEY = 61,
    SVCB = 64,
    HTTPS = 65,
    SPF = 99,
    URI = 256,
    CAA = 257,
}
