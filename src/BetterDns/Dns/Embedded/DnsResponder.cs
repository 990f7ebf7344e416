using BetterDns.Dns.Wire;
using BetterDns.Zone.Model;
using Microsoft.Extensions.Logging;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Turns one query message into one response message, authoritatively, from the current zone.
/// Pure and synchronous (no I/O, no allocation on the usual paths), so the UDP and TCP loops share
/// it and a bridge or a test can call it directly.
/// </summary>
public sealed class DnsResponder
{
    /// <summary>CNAMEs followed inside the zone before the answer stops (loops end here too).</summary>
    public const int MaxCnameChain = 8;

    /// <summary>An OPT record with no options: root owner, type, class, TTL, RDLENGTH.</summary>
    private const int OptLength = 11;

    private const ushort TypeCname = (ushort)RecordType.CNAME;
    private const ushort TypeAny = 255;
    private const ushort ClassIn = 1;
    private const ushort ClassAny = 255;

    /// <summary>HINFO RDATA of RFC 8482 §4.2: CPU "RFC8482", OS the empty string.</summary>
    private static ReadOnlySpan<byte> MinimalAnyHinfo => [7, (byte)'R', (byte)'F', (byte)'C', (byte)'8', (byte)'4', (byte)'8', (byte)'2', 0];

    private readonly ZoneIndexCache _zones;
    private readonly int _maxUdpPayload;

    public DnsResponder(IZoneSource zones, int maxUdpPayload = EmbeddedDnsOptions.DefaultMaxUdpPayload, ILogger<DnsResponder>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUdpPayload, DnsHeader.ClassicUdpPayload);
        _zones = new ZoneIndexCache(zones, logger);
        _maxUdpPayload = maxUdpPayload;
    }

    /// <summary>The largest UDP response this server sends, and the size it advertises in OPT.</summary>
    public int MaxUdpPayload => _maxUdpPayload;

    /// <summary>Indexes the current zone now, so the first query does not pay for it.</summary>
    public void Prepare() => _ = _zones.Current;

    /// <summary>
    /// Writes the response to <paramref name="query"/> into <paramref name="response"/> and returns its
    /// length, or 0 when nothing should be sent (runts, responses). Over UDP the response fits the
    /// client's limit (512, or its EDNS size capped at <see cref="MaxUdpPayload"/>) or carries TC.
    /// </summary>
    public int Respond(ReadOnlySpan<byte> query, Span<byte> response, bool overTcp)
    {
        Span<byte> qname = stackalloc byte[DnsWireReader.MaxNameLength];
        var verdict = DnsQueryParser.Parse(query, qname, out var q);
        if (verdict == QueryVerdict.Drop)
        {
            return 0;
        }

        var limit = overTcp ? DnsHeader.MaxMessageLength
            : q.HasEdns ? Math.Clamp((int)q.EdnsPayloadSize, DnsHeader.ClassicUdpPayload, _maxUdpPayload)
            : DnsHeader.ClassicUdpPayload;
        Span<ushort> compression = stackalloc ushort[64];
        var writer = new DnsWireWriter(response, limit, compression);
        writer.TryWriteBytes(stackalloc byte[DnsHeader.Length]);
        var message = new ResponseState(q);

        if (verdict == QueryVerdict.NotImplemented)
        {
            message.Code = DnsResponseCode.NotImp;
            return Finish(ref writer, ref message, withOpt: false);
        }

        if (q.QuestionEnd > 0)
        {
            writer.TryWriteBytes(query[DnsHeader.Length..q.QuestionEnd]);
            RegisterQuestionLabels(ref writer, query);
            message.Questions = 1;
        }

        if (q.HasEdns)
        {
            writer.Reserve(OptLength);
        }

        if (verdict == QueryVerdict.FormatError)
        {
            message.Code = DnsResponseCode.FormErr;
        }
        else if (q.HasEdns && q.EdnsVersion > 0)
        {
            message.Code = DnsResponseCode.BadVers;
        }
        else
        {
            Answer(ref writer, ref message, qname[..q.NameLength], overTcp);
        }

        if (q.HasEdns)
        {
            writer.Release(OptLength);
        }

        return Finish(ref writer, ref message, q.HasEdns);
    }

    /// <summary>
    /// A bare SERVFAIL (header only) for a query the responder failed on, so the client moves on at
    /// once instead of waiting for a timeout. 0 when the message was not a query to answer.
    /// </summary>
    public static int WriteServerFailure(ReadOnlySpan<byte> query, Span<byte> response)
    {
        if (query.Length < DnsHeader.Length || (query[DnsHeader.FlagsOffset] & 0x80) != 0 || response.Length < DnsHeader.Length)
        {
            return 0;
        }

        var flags = (ushort)((query[DnsHeader.FlagsOffset] << 8) | query[DnsHeader.FlagsOffset + 1]);
        response[..DnsHeader.Length].Clear();
        query[..2].CopyTo(response);
        var reply = DnsHeader.QueryResponse
            | (flags & (DnsHeader.OpcodeMask | DnsHeader.RecursionDesired | DnsHeader.CheckingDisabled))
            | (int)DnsResponseCode.ServFail;
        response[DnsHeader.FlagsOffset] = (byte)(reply >> 8);
        response[DnsHeader.FlagsOffset + 1] = (byte)reply;
        return DnsHeader.Length;
    }

    private void Answer(ref DnsWireWriter writer, ref ResponseState message, ReadOnlySpan<byte> qname, bool overTcp)
    {
        var qtype = message.Query.QuestionType;
        if (message.Query.QuestionClass is not (ClassIn or ClassAny))
        {
            message.Code = DnsResponseCode.Refused;
            return;
        }

        switch (qtype)
        {
            case DnsQueryParser.OptType:
                message.Code = DnsResponseCode.FormErr;
                return;
            case 251 or 252:
                // IXFR and AXFR: zone transfers are not offered.
                message.Code = DnsResponseCode.Refused;
                return;
            case 253 or 254:
                // MAILB and MAILA: obsolete (RFC 883 leftovers).
                message.Code = DnsResponseCode.NotImp;
                return;
        }

        var index = _zones.Current;
        var afterQuestion = writer.Mark();
        Span<byte> key = stackalloc byte[DnsWireReader.MaxNameLength];
        Span<byte> wildcard = stackalloc byte[DnsWireReader.MaxNameLength + 2];
        ReadOnlySpan<byte> owner = qname;
        RRset? additionalFrom = null;
        message.Authoritative = true;

        for (var hop = 0; hop <= MaxCnameChain; hop++)
        {
            WireName.ToLowerAscii(owner, key);
            var found = Lookup(index, key[..owner.Length], qtype, wildcard, out var node);
            if (found == LookupResult.OutOfZone)
            {
                if (hop == 0)
                {
                    message.Code = DnsResponseCode.Refused;
                    message.Authoritative = false;
                }

                break;
            }

            if (found == LookupResult.Referral)
            {
                if (hop == 0)
                {
                    message.Authoritative = false;
                    var ns = node!.Find(RecordType.NS)!;
                    if (!WriteSet(ref writer, ns, ns.Records[0].Owner, ref message.Authority))
                    {
                        Truncate(ref writer, ref message, afterQuestion);
                        return;
                    }

                    additionalFrom = ns;
                }

                break;
            }

            if (found == LookupResult.NameError)
            {
                message.Code = DnsResponseCode.NXDomain;
                WriteNegative(ref writer, ref message, index, afterQuestion);
                return;
            }

            if (qtype == TypeAny && !overTcp)
            {
                WriteMinimalAny(ref writer, ref message, node!, owner, index, afterQuestion);
                return;
            }

            if (qtype == TypeAny)
            {
                var any = false;
                foreach (var set in node!.Sets)
                {
                    if (set.Encodable && set.Records.Length > 0)
                    {
                        any = true;
                        if (!WriteSet(ref writer, set, owner, ref message.Answers))
                        {
                            Truncate(ref writer, ref message, afterQuestion);
                            return;
                        }
                    }
                }

                if (!any)
                {
                    WriteNegative(ref writer, ref message, index, afterQuestion);
                }

                return;
            }

            var exact = node!.Find((RecordType)qtype);
            if (exact is not null)
            {
                if (!exact.Encodable)
                {
                    message.Code = DnsResponseCode.NotImp;
                    writer.Reset(afterQuestion);
                    message.Answers = 0;
                    return;
                }

                if (!WriteSet(ref writer, exact, owner, ref message.Answers))
                {
                    Truncate(ref writer, ref message, afterQuestion);
                    return;
                }

                additionalFrom = exact;
                break;
            }

            var cname = qtype == TypeCname ? null : node.Find(RecordType.CNAME);
            if (cname is null)
            {
                WriteNegative(ref writer, ref message, index, afterQuestion);
                return;
            }

            if (!WriteSet(ref writer, cname, owner, ref message.Answers))
            {
                Truncate(ref writer, ref message, afterQuestion);
                return;
            }

            owner = cname.Records[0].TargetWire!;
        }

        if (additionalFrom is not null && additionalFrom.Type is RecordType.NS or RecordType.MX or RecordType.SRV)
        {
            WriteAdditional(ref writer, ref message, index, additionalFrom);
        }
    }

    /// <summary>
    /// RFC 1034 §4.3.2 step 3 for one zone: walk down from the apex label by label. A zone cut on the
    /// way is a referral; a missing label makes its parent the closest encloser, where a wildcard may
    /// stand in (RFC 4592); reaching the name itself finds its node (maybe an empty non-terminal).
    /// </summary>
    private static LookupResult Lookup(ZoneIndex index, ReadOnlySpan<byte> key, ushort qtype, Span<byte> wildcard, out ZoneNode? node)
    {
        node = null;
        Span<int> labels = stackalloc int[128];
        var count = 0;
        var at = 0;
        while (key[at] != 0)
        {
            labels[count++] = at;
            at += 1 + key[at];
        }

        labels[count] = at;
        var below = count - index.OriginLabels;
        if (below < 0 || !key[labels[below]..].SequenceEqual(index.OriginKey))
        {
            return LookupResult.OutOfZone;
        }

        node = index.Find(index.OriginKey);
        for (var i = below - 1; i >= 0; i--)
        {
            var next = index.Find(key[labels[i]..]);
            if (next is null)
            {
                // The closest encloser is the name at labels[i + 1]; try its wildcard child.
                var encloser = key[labels[i + 1]..];
                wildcard[0] = 1;
                wildcard[1] = (byte)'*';
                encloser.CopyTo(wildcard[2..]);
                node = encloser.Length + 2 <= DnsWireReader.MaxNameLength ? index.Find(wildcard[..(encloser.Length + 2)]) : null;
                return node is null ? LookupResult.NameError : LookupResult.Found;
            }

            node = next;
            if (node.IsDelegation && !(i == 0 && qtype == (ushort)RecordType.DS))
            {
                return LookupResult.Referral;
            }
        }

        return LookupResult.Found;
    }

    private static bool WriteSet(ref DnsWireWriter writer, RRset set, ReadOnlySpan<byte> owner, ref int count)
    {
        var records = set.Records;
        var start = set.NextStart();
        for (var i = 0; i < records.Length; i++)
        {
            if (!records[(start + i) % records.Length].TryWrite(ref writer, owner))
            {
                return false;
            }

            count++;
        }

        return true;
    }

    /// <summary>
    /// ANY over UDP, per RFC 8482: never every RRset (a 53-octet query must not buy a pool's
    /// kilobyte). A CNAME is answered as itself (§4.2 synthesises only where none is); any other name
    /// with data gets one synthesised <c>HINFO "RFC8482" ""</c> (§4.2) with the smallest TTL at the
    /// name, so a cache never keeps it longer than the data it stands for; a name without data, NODATA.
    /// Over TCP the answer is conventional (RFC 8482 §4.4): the source is verified, nothing amplifies.
    /// </summary>
    private static void WriteMinimalAny(ref DnsWireWriter writer, ref ResponseState message, ZoneNode node, ReadOnlySpan<byte> owner, ZoneIndex index, (int, int) afterQuestion)
    {
        var ttl = uint.MaxValue;
        foreach (var set in node.Sets)
        {
            if (!set.Encodable || set.Records.Length == 0)
            {
                continue;
            }

            if (set.Type == RecordType.CNAME)
            {
                if (!WriteSet(ref writer, set, owner, ref message.Answers))
                {
                    Truncate(ref writer, ref message, afterQuestion);
                }

                return;
            }

            foreach (var record in set.Records)
            {
                ttl = Math.Min(ttl, record.Ttl);
            }
        }

        if (ttl == uint.MaxValue)
        {
            WriteNegative(ref writer, ref message, index, afterQuestion);
            return;
        }

        var mark = writer.Mark();
        if (!writer.TryWriteName(owner)
            || !writer.TryWriteUInt16((ushort)RecordType.HINFO)
            || !writer.TryWriteUInt16(ClassIn)
            || !writer.TryWriteUInt32(ttl)
            || !writer.TryWriteUInt16((ushort)MinimalAnyHinfo.Length)
            || !writer.TryWriteBytes(MinimalAnyHinfo))
        {
            writer.Reset(mark);
            Truncate(ref writer, ref message, afterQuestion);
            return;
        }

        message.Answers++;
    }

    /// <summary>NXDOMAIN or NODATA: the apex SOA in the authority section (RFC 2308 §3).</summary>
    private static void WriteNegative(ref DnsWireWriter writer, ref ResponseState message, ZoneIndex index, (int, int) afterQuestion)
    {
        if (index.NegativeSoa is not { } soa)
        {
            return;
        }

        if (!soa.TryWrite(ref writer, soa.Owner))
        {
            Truncate(ref writer, ref message, afterQuestion);
            return;
        }

        message.Authority++;
    }

    /// <summary>
    /// Addresses of in-zone NS, MX and SRV targets (and glue for a referral). Optional: what does
    /// not fit is left out without TC (RFC 2181 §9).
    /// </summary>
    private static void WriteAdditional(ref DnsWireWriter writer, ref ResponseState message, ZoneIndex index, RRset from)
    {
        foreach (var record in from.Records)
        {
            if (record.TargetKey is not { } key || index.Find(key) is not { } target)
            {
                continue;
            }

            foreach (var set in target.Sets)
            {
                if (set.Type is not (RecordType.A or RecordType.AAAA))
                {
                    continue;
                }

                foreach (var address in set.Records)
                {
                    if (!address.TryWrite(ref writer, address.Owner))
                    {
                        return;
                    }

                    message.Additional++;
                }
            }
        }
    }

    private static void Truncate(ref DnsWireWriter writer, ref ResponseState message, (int, int) afterQuestion)
    {
        writer.Reset(afterQuestion);
        message.Answers = message.Authority = message.Additional = 0;
        message.Truncated = true;
    }

    /// <summary>The question's labels (when it is not itself compressed) become compression targets.</summary>
    private static void RegisterQuestionLabels(ref DnsWireWriter writer, ReadOnlySpan<byte> query)
    {
        var at = DnsHeader.Length;
        while (query[at] is not 0 and < 0x40)
        {
            writer.RegisterName(at);
            at += 1 + query[at];
        }
    }

    private int Finish(ref DnsWireWriter writer, ref ResponseState message, bool withOpt)
    {
        var code = (int)message.Code;
        if (withOpt)
        {
            // OPT: root owner, our payload size as class, extended RCODE and version 0 in the TTL, DO echoed.
            var ttl = ((uint)(code >> 4) << 24) | (message.Query.EdnsDnssecOk ? 0x8000u : 0u);
            writer.TryWriteByte(0);
            writer.TryWriteUInt16(DnsQueryParser.OptType);
            writer.TryWriteUInt16((ushort)_maxUdpPayload);
            writer.TryWriteUInt32(ttl);
            writer.TryWriteUInt16(0);
            message.Additional++;
        }

        var q = message.Query;
        var flags = DnsHeader.QueryResponse
            | (q.Flags & (DnsHeader.OpcodeMask | DnsHeader.RecursionDesired | DnsHeader.CheckingDisabled))
            | (message.Authoritative ? DnsHeader.AuthoritativeAnswer : 0)
            | (message.Truncated ? DnsHeader.Truncated : 0)
            | (code & DnsHeader.ResponseCodeMask);
        writer.PatchUInt16(DnsHeader.IdOffset, q.Id);
        writer.PatchUInt16(DnsHeader.FlagsOffset, (ushort)flags);
        writer.PatchUInt16(DnsHeader.QuestionCountOffset, (ushort)message.Questions);
        writer.PatchUInt16(DnsHeader.AnswerCountOffset, (ushort)message.Answers);
        writer.PatchUInt16(DnsHeader.AuthorityCountOffset, (ushort)message.Authority);
        writer.PatchUInt16(DnsHeader.AdditionalCountOffset, (ushort)message.Additional);
        return writer.Position;
    }

    private enum LookupResult
    {
        Found,
        NameError,
        Referral,
        OutOfZone,
    }

    /// <summary>What the response is becoming: counts and flags, filled in as the sections are written.</summary>
    private struct ResponseState(DnsQuery query)
    {
        public readonly DnsQuery Query = query;
        public DnsResponseCode Code;
        public bool Authoritative;
        public bool Truncated;
        public int Questions;
        public int Answers;
        public int Authority;
        public int Additional;
    }
}
