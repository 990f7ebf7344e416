using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BetterDns.Dns.Wire;

namespace BetterDns.Dns.Embedded;

/// <summary>
/// Response rate limiting for UDP, after BIND's RRL: an account per client network and answer (see
/// <see cref="ResponseRateLimitOptions"/>) earns <c>ResponsesPerSecond</c> credit a second, holds at most
/// one second's worth, and may owe at most a window's worth; a response that finds the account in debt is
/// dropped, or every Slip-th one sent truncated so a real client retries over TCP (never limited). What
/// a spoofed source can make us reflect at a victim is then a few small responses a second.
/// </summary>
internal sealed class ResponseRateLimiter
{
    /// <summary>Accounts kept at most (BIND's max-table-size is 20,000 by default); about 64 octets each.</summary>
    internal const int MaxAccounts = 65_536;

    private const int OptLength = 11;
    private const ushort OptType = 41;

    private readonly Lock _gate = new();
    private readonly Dictionary<RateLimitKey, Account> _accounts = [];
    private readonly double _rate;
    private readonly double _floor;
    private readonly int _slip;
    private readonly UInt128 _ipv4Mask;
    private readonly UInt128 _ipv6Mask;
    private readonly long _forgetAfterTicks;
    private long _lastSweep;
    private int _untracked;

    public ResponseRateLimiter(ResponseRateLimitOptions options)
    {
        _rate = options.ResponsesPerSecond;
        _floor = -options.Window.TotalSeconds * _rate;
        _slip = options.Slip;
        _ipv4Mask = (UInt128)(uint.MaxValue << (32 - options.Ipv4PrefixLength)) & uint.MaxValue;
        _ipv6Mask = options.Ipv6PrefixLength == 128 ? UInt128.MaxValue : ~(UInt128.MaxValue >> options.Ipv6PrefixLength);

        // An account unused for a window and a second has earned back everything it could owe: forgetting it changes nothing.
        _forgetAfterTicks = (long)((options.Window.TotalSeconds + 1) * Stopwatch.Frequency);
    }

    /// <summary>
    /// Decides about the UDP <paramref name="response"/> (its first <paramref name="length"/> octets) to
    /// <paramref name="peer"/>: the length to send (unchanged, or shortened to a truncated reply in place),
    /// or 0 to drop it.
    /// </summary>
    public int Apply(SocketAddress peer, Span<byte> response, int length, out RateLimitVerdict verdict)
    {
        verdict = RateLimitVerdict.Send;
        var questionEnd = QuestionEnd(response[..length]);
        var key = new RateLimitKey(Network(peer), 0, 0, RateLimitKind.Error);
        var code = response[DnsHeader.FlagsOffset + 1] & DnsHeader.ResponseCodeMask;
        if (code is (int)DnsResponseCode.NoError or (int)DnsResponseCode.NXDomain && questionEnd > 0)
        {
            // NXDOMAINs share one account per network whatever the name (random names are the usual flood).
            var nxdomain = code == (int)DnsResponseCode.NXDomain;
            var answers = BinaryPrimitives.ReadUInt16BigEndian(response[DnsHeader.AnswerCountOffset..]);
            key = key with
            {
                Name = nxdomain ? 0 : NameHash(response[DnsHeader.Length..(questionEnd - 4)]),
                Type = nxdomain ? (ushort)0 : BinaryPrimitives.ReadUInt16BigEndian(response[(questionEnd - 4)..]),
                Kind = nxdomain ? RateLimitKind.NxDomain : answers > 0 ? RateLimitKind.Answer : RateLimitKind.NoData,
            };
        }

        var limited = Debit(key, out var slipNow);
        if (!limited)
        {
            return length;
        }

        if (!slipNow)
        {
            verdict = RateLimitVerdict.Drop;
            return 0;
        }

        verdict = RateLimitVerdict.Slip;
        return Truncated(response, length, questionEnd);
    }

    /// <summary>True when the account is in debt; <paramref name="slip"/> when this limited response is the one to send truncated.</summary>
    private bool Debit(RateLimitKey key, out bool slip)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_accounts.TryGetValue(key, out var account))
            {
                if (_accounts.Count >= MaxAccounts && !Sweep(now))
                {
                    // No room even after forgetting idle accounts: a flood from very many networks. Limit it.
                    slip = _slip > 0 && ++_untracked % _slip == 0;
                    return true;
                }

                account = new Account { Balance = _rate, LastSeen = now };
                _accounts.Add(key, account);
            }

            var earned = (now - account.LastSeen) * _rate / Stopwatch.Frequency;
            account.LastSeen = now;
            account.Balance = Math.Max(_floor, Math.Min(_rate, account.Balance + earned) - 1);
            if (account.Balance >= 0)
            {
                slip = false;
                return false;
            }

            slip = _slip > 0 && ++account.Limited % _slip == 0;
            return true;
        }
    }

    /// <summary>Forgets accounts unused long enough to be whole again; at most once a second. True when room was made.</summary>
    private bool Sweep(long now)
    {
        if (now - _lastSweep < Stopwatch.Frequency)
        {
            return false;
        }

        _lastSweep = now;
        List<RateLimitKey> idle = [];
        foreach (var (key, account) in _accounts)
        {
            if (now - account.LastSeen > _forgetAfterTicks)
            {
                idle.Add(key);
            }
        }

        foreach (var key in idle)
        {
            _accounts.Remove(key);
        }

        return idle.Count > 0;
    }

    /// <summary>The client's network (IPv4 marked apart from IPv6), read from the raw socket address without allocating.</summary>
    private UInt128 Network(SocketAddress peer)
    {
        var raw = peer.Buffer.Span;
        if (peer.Family == AddressFamily.InterNetwork)
        {
            // sockaddr_in: family, port, then the address at offset 4.
            return ((UInt128)1 << 127) | (BinaryPrimitives.ReadUInt32BigEndian(raw[4..]) & _ipv4Mask);
        }

        // sockaddr_in6: family, port, flow info, then the address at offset 8.
        return BinaryPrimitives.ReadUInt128BigEndian(raw[8..]) & _ipv6Mask;
    }

    private static int NameHash(ReadOnlySpan<byte> name)
    {
        Span<byte> key = stackalloc byte[name.Length];
        WireName.ToLowerAscii(name, key);
        var hash = default(HashCode);
        hash.AddBytes(key);
        return hash.ToHashCode();
    }

    /// <summary>Where the question ends in a response we wrote (its name is never compressed), or 0 when it has none.</summary>
    private static int QuestionEnd(ReadOnlySpan<byte> response)
    {
        if (response.Length <= DnsHeader.Length || BinaryPrimitives.ReadUInt16BigEndian(response[DnsHeader.QuestionCountOffset..]) != 1)
        {
            return 0;
        }

        var at = DnsHeader.Length;
        while (at < response.Length && response[at] is not 0 and < 0x40)
        {
            at += 1 + response[at];
        }

        return at < response.Length && response[at] == 0 && at + 5 <= response.Length ? at + 5 : 0;
    }

    /// <summary>The reply cut to header and question (and our OPT, when the reply carried one), TC set, no records: smaller than the query.</summary>
    private static int Truncated(Span<byte> response, int length, int questionEnd)
    {
        var end = Math.Max(questionEnd, DnsHeader.Length);
        var additional = BinaryPrimitives.ReadUInt16BigEndian(response[DnsHeader.AdditionalCountOffset..]);
        var opt = additional > 0 && length - OptLength >= end
            && response[length - OptLength] == 0
            && BinaryPrimitives.ReadUInt16BigEndian(response[(length - OptLength + 1)..]) == OptType
            && BinaryPrimitives.ReadUInt16BigEndian(response[(length - 2)..]) == 0;
        if (opt)
        {
            response.Slice(length - OptLength, OptLength).CopyTo(response[end..]);
        }

        response[DnsHeader.FlagsOffset] |= DnsHeader.Truncated >> 8;
        BinaryPrimitives.WriteUInt16BigEndian(response[DnsHeader.QuestionCountOffset..], (ushort)(questionEnd > 0 ? 1 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(response[DnsHeader.AnswerCountOffset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(response[DnsHeader.AuthorityCountOffset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(response[DnsHeader.AdditionalCountOffset..], (ushort)(opt ? 1 : 0));
        return end + (opt ? OptLength : 0);
    }

    private sealed class Account
    {
        public double Balance;
        public long LastSeen;
        public int Limited;
    }
}
