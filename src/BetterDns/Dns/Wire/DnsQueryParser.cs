using System.Buffers.Binary;

namespace BetterDns.Dns.Wire;

/// <summary>
/// Parses an incoming message defensively: header checks first (drop responses and runts),
/// then exactly one question, no answer or authority records, at most one OPT (RFC 6891 §6.1.1)
/// among the additional records, and nothing after the last record.
/// </summary>
public static class DnsQueryParser
{
    public const ushort OptType = 41;

    /// <param name="message">The message as received.</param>
    /// <param name="name">Receives the question name, flattened, case as sent (at least 255 octets).</param>
    public static QueryVerdict Parse(ReadOnlySpan<byte> message, Span<byte> name, out DnsQuery query)
    {
        query = default;
        if (message.Length < DnsHeader.Length)
        {
            return QueryVerdict.Drop;
        }

        query.Id = BinaryPrimitives.ReadUInt16BigEndian(message);
        query.Flags = BinaryPrimitives.ReadUInt16BigEndian(message[DnsHeader.FlagsOffset..]);
        if ((query.Flags & DnsHeader.QueryResponse) != 0)
        {
            return QueryVerdict.Drop;
        }

        query.Opcode = (query.Flags & DnsHeader.OpcodeMask) >> DnsHeader.OpcodeShift;
        if (query.Opcode != 0)
        {
            return QueryVerdict.NotImplemented;
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[DnsHeader.QuestionCountOffset..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message[DnsHeader.AnswerCountOffset..]);
        var authorities = BinaryPrimitives.ReadUInt16BigEndian(message[DnsHeader.AuthorityCountOffset..]);
        var additionals = BinaryPrimitives.ReadUInt16BigEndian(message[DnsHeader.AdditionalCountOffset..]);
        if (questions != 1)
        {
            return FormatError(ref query, "QDCOUNT must be 1");
        }

        if (answers != 0 || authorities != 0)
        {
            return FormatError(ref query, "a query carries no answer or authority records");
        }

        var reader = new DnsWireReader(message);
        reader.TrySkip(DnsHeader.Length);
        if (!reader.TryReadName(name, out query.NameLength)
            || !reader.TryReadUInt16(out query.QuestionType)
            || !reader.TryReadUInt16(out query.QuestionClass))
        {
            return FormatError(ref query, reader.Error);
        }

        query.QuestionEnd = reader.Position;
        for (var i = 0; i < additionals; i++)
        {
            var ownerIsRoot = reader.Remaining > 0 && message[reader.Position] == 0;
            if (!reader.TrySkipName()
                || !reader.TryReadUInt16(out var type)
                || !reader.TryReadUInt16(out var @class)
                || !reader.TryReadUInt32(out var ttl)
                || !reader.TryReadUInt16(out var length)
                || !reader.TrySkip(length))
            {
                return FormatError(ref query, reader.Error);
            }

            if (type != OptType)
            {
                // TSIG and friends: not supported, and harmless to ignore for an unsigned zone.
                continue;
            }

            if (query.HasEdns || !ownerIsRoot)
            {
                return FormatError(ref query, "more than one OPT record, or an OPT not owned by the root");
            }

            query.HasEdns = true;
            query.EdnsPayloadSize = @class;
            query.EdnsVersion = (byte)(ttl >> 16);
            query.EdnsDnssecOk = (ttl & 0x8000) != 0;
        }

        if (reader.Remaining != 0)
        {
            return FormatError(ref query, $"{reader.Remaining} octets after the last record");
        }

        return QueryVerdict.Query;
    }

    private static QueryVerdict FormatError(ref DnsQuery query, string? error)
    {
        query.Error = error;
        return QueryVerdict.FormatError;
    }
}
