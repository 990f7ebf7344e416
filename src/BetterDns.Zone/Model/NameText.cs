using System.Text;

namespace BetterDns.Zone.Model;

/// <summary>
/// A <see cref="DomainName"/>'s presentation text as it is held (characters of a string, or ASCII
/// octets), so comparing and writing names needs no string built from the compact form.
/// </summary>
internal readonly ref struct NameText
{
    private readonly ReadOnlySpan<char> _chars;
    private readonly ReadOnlySpan<byte> _octets;
    private readonly bool _isOctets;

    public NameText(ReadOnlySpan<char> chars) => _chars = chars;

    public NameText(ReadOnlySpan<byte> octets)
    {
        _octets = octets;
        _isOctets = true;
    }

    public int Length => _isOctets ? _octets.Length : _chars.Length;

    public char this[int index] => _isOctets ? (char)_octets[index] : _chars[index];

    public NameText Slice(int start, int length) =>
        _isOctets ? new NameText(_octets.Slice(start, length)) : new NameText(_chars.Slice(start, length));

    public int LastIndexOf(char c, int end) => _isOctets ? _octets[..end].LastIndexOf((byte)c) : _chars[..end].LastIndexOf(c);

    public bool Contains(char c) => _isOctets ? _octets.Contains((byte)c) : _chars.Contains(c);

    /// <summary>Equal ignoring ASCII case (the texts are ASCII, so this is what OrdinalIgnoreCase does).</summary>
    public static bool EqualsIgnoreCase(NameText a, NameText b) => (a._isOctets, b._isOctets) switch
    {
        (false, false) => a._chars.Equals(b._chars, StringComparison.OrdinalIgnoreCase),
        (true, true) => Ascii.EqualsIgnoreCase(a._octets, b._octets),
        (true, false) => Ascii.EqualsIgnoreCase(a._octets, b._chars),
        _ => Ascii.EqualsIgnoreCase(b._octets, a._chars),
    };

    /// <summary>Equal, case included.</summary>
    public static bool EqualsOrdinal(NameText a, NameText b) => (a._isOctets, b._isOctets) switch
    {
        (false, false) => a._chars.SequenceEqual(b._chars),
        (true, true) => a._octets.SequenceEqual(b._octets),
        (true, false) => Ascii.Equals(a._octets, b._chars),
        _ => Ascii.Equals(b._octets, a._chars),
    };

    /// <summary>True when the text ends in <paramref name="suffix"/>, case included or not.</summary>
    public bool EndsWith(NameText suffix, bool ignoreCase)
    {
        if (suffix.Length > Length)
        {
            return false;
        }

        var tail = Slice(Length - suffix.Length, suffix.Length);
        return ignoreCase ? EqualsIgnoreCase(tail, suffix) : EqualsOrdinal(tail, suffix);
    }

    /// <summary>True when the text ends in an unescaped dot (an even number of backslashes before it).</summary>
    public bool IsAbsolute()
    {
        if (Length == 0 || this[Length - 1] != '.')
        {
            return false;
        }

        var backslashes = 0;
        for (var i = Length - 2; i >= 0 && this[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0;
    }

    /// <summary>The text encoded as UTF-8 (ASCII: one octet a character) into <paramref name="destination"/>; octets written.</summary>
    public int CopyTo(Span<byte> destination)
    {
        if (_isOctets)
        {
            _octets.CopyTo(destination);
            return _octets.Length;
        }

        return Encoding.UTF8.GetBytes(_chars, destination);
    }

    public override string ToString() => _isOctets ? Encoding.ASCII.GetString(_octets) : new string(_chars);
}
