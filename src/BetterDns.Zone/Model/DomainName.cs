using System.Text;

namespace BetterDns.Zone.Model;

/// <summary>
/// An absolute domain name in presentation form ("www.example.com.", "." for the root).
/// Case is preserved; equality, hashing and ordering ignore ASCII case (RFC 4343).
/// A struct over one reference keeps a million-record zone cheap in memory: the presentation text
/// (always ASCII: other octets are written as <c>\DDD</c>) as a string, or, for names the parser
/// makes with <see cref="Parsing.ZoneParserOptions.CompactRecords"/>, as one octet per character
/// (a third less memory; <see cref="Value"/> then builds a string each time it is asked).
/// </summary>
public readonly struct DomainName : IEquatable<DomainName>, IComparable<DomainName>
{
    /// <summary>RFC 1035 §2.3.4: a label is at most 63 octets.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>RFC 1035 §2.3.4: a name is at most 255 octets in wire form.</summary>
    public const int MaxWireLength = 255;

    /// <summary>The text: a string, or a byte[] of ASCII octets (the compact form); null is the root.</summary>
    private readonly object? _value;

    private DomainName(string value) => _value = value;

    private DomainName(byte[] ascii) => _value = ascii;

    public static DomainName Root { get; } = new(".");

    /// <summary>The absolute presentation form, always ending in '.'.</summary>
    public string Value => _value as string ?? CompactValue();

    public bool IsRoot => TextLength == 1;

    /// <summary>Number of labels, not counting the root.</summary>
    public int LabelCount => IsRoot ? 0 : SplitLabels(Value).Count;

    /// <summary>
    /// Parses a presentation-form name. A name without a trailing dot is relative to <paramref name="origin"/>;
    /// "@" is the origin itself. Escapes (<c>\.</c>, <c>\DDD</c>) are honoured and normalised.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid domain name; the message says why.</exception>
    public static DomainName Parse(string text, DomainName? origin = null)
    {
        if (!TryParse(text, origin, out var name, out var error))
        {
            throw new FormatException(error);
        }

        return name;
    }

    public static bool TryParse(string text, DomainName? origin, out DomainName name, out string? error)
    {
        name = default;
        if (text.Length == 0)
        {
            error = "expected a domain name, found nothing";
            return false;
        }

        if (text == "@")
        {
            if (origin is null)
            {
                error = "'@' needs an origin";
                return false;
            }

            name = origin.Value;
            error = null;
            return true;
        }

        if (text == ".")
        {
            name = Root;
            error = null;
            return true;
        }

        var absolute = IsAbsolute(text);
        if (!absolute && origin is null)
        {
            error = $"relative name '{text}' needs an origin";
            return false;
        }

        var normalised = NormaliseLabels(text, out error);
        if (normalised is null)
        {
            return false;
        }

        string full;
        if (absolute)
        {
            full = normalised + ".";
        }
        else
        {
            full = origin!.Value.IsRoot ? normalised + "." : normalised + "." + origin.Value.Value;
        }

        var wire = WireLength(full);
        if (wire > MaxWireLength)
        {
            error = $"name is {wire} octets long, the limit is {MaxWireLength}";
            return false;
        }

        name = new DomainName(full);
        error = null;
        return true;
    }

    /// <summary>
    /// Builds a name from text already known to be valid, absolute and normalised
    /// (the parser's fast path). Nothing is checked.
    /// </summary>
    public static DomainName FromTrusted(string absoluteNormalised) => new(absoluteNormalised);

    /// <summary>Like <see cref="FromTrusted"/>, in the compact form: the ASCII text, one octet per character (not copied).</summary>
    internal static DomainName FromTrustedAscii(byte[] absoluteNormalised) => new(absoluteNormalised);

    /// <summary>True when the text is held as octets (<see cref="Value"/> allocates a string).</summary>
    internal bool IsCompact => _value is byte[];

    /// <summary>The same name in the compact form (as itself when it is compact already).</summary>
    internal DomainName ToCompact() => _value is byte[] ? this : new(System.Text.Encoding.ASCII.GetBytes(Value));

    /// <summary>This name in the form <paramref name="like"/> is held in (comparing two of one form is fastest).</summary>
    internal DomainName InFormOf(DomainName like) => like._value is byte[] ? ToCompact() : this;

    /// <summary>
    /// What the name is held as: the same object means the same text (the writer's "same owner as the
    /// line before" test, without building strings).
    /// </summary>
    internal object? Identity => _value;

    /// <summary>Characters in <see cref="Value"/>.</summary>
    internal int TextLength => _value switch
    {
        string s => s.Length,
        byte[] b => b.Length,
        _ => 1,
    };

    /// <summary>The text as it is held (no string is built for the compact form).</summary>
    internal NameText Text => _value switch
    {
        string s => new NameText(s),
        byte[] b => new NameText(b),
        _ => new NameText("."),
    };

    /// <summary>Same text, case included (ordinal): not just an equal name.</summary>
    internal static bool SameText(DomainName a, DomainName b) =>
        ReferenceEquals(a._value, b._value) || (a._value, b._value) switch
        {
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
            _ => NameText.EqualsOrdinal(a.Text, b.Text),
        };

    private string CompactValue() => _value is byte[] b ? System.Text.Encoding.ASCII.GetString(b) : ".";

    /// <summary>True when the name ends in an unescaped dot.</summary>
    public static bool IsAbsolute(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || text[^1] != '.')
        {
            return false;
        }

        // Count the backslashes before the final dot: an odd count escapes it.
        var backslashes = 0;
        for (var i = text.Length - 2; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0;
    }

    /// <summary>The name with <paramref name="label"/> (presentation form, one label) in front.</summary>
    public DomainName Prepend(string label)
    {
        var text = IsRoot ? label + "." : label + "." + Value;
        return Parse(text);
    }

    /// <summary>True when this name equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsSubdomainOf(DomainName ancestor)
    {
        if (ancestor.IsRoot)
        {
            return true;
        }

        if (_value is string text && ancestor._value is string ancestorText)
        {
            return EndsWithLabels(text, ancestorText);
        }

        if (_value is byte[] octets && ancestor._value is byte[] ancestorOctets)
        {
            return EndsWithLabels(octets, ancestorOctets);
        }

        return EndsWithLabels(Text, ancestor.Text);
    }

    private static bool EndsWithLabels(ReadOnlySpan<char> value, ReadOnlySpan<char> suffix)
    {
        if (value.Length < suffix.Length || !value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value.Length == suffix.Length)
        {
            return true;
        }

        // The suffix must start at a label boundary: an unescaped dot just before it.
        var dot = value.Length - suffix.Length - 1;
        return value[dot] == '.' && IsAbsolute(value[..(dot + 1)]);
    }

    /// <summary>The same test on two compact names (the writer and the sort ask it a million times).</summary>
    private static bool EndsWithLabels(ReadOnlySpan<byte> value, ReadOnlySpan<byte> suffix)
    {
        if (value.Length < suffix.Length || !System.Text.Ascii.EqualsIgnoreCase(value[^suffix.Length..], suffix))
        {
            return false;
        }

        if (value.Length == suffix.Length)
        {
            return true;
        }

        var dot = value.Length - suffix.Length - 1;
        return value[dot] == '.' && new NameText(value[..(dot + 1)]).IsAbsolute();
    }

    private static bool EndsWithLabels(NameText value, NameText suffix)
    {
        if (!value.EndsWith(suffix, ignoreCase: true))
        {
            return false;
        }

        if (value.Length == suffix.Length)
        {
            return true;
        }

        // The suffix must start at a label boundary: an unescaped dot just before it.
        var dot = value.Length - suffix.Length - 1;
        return value[dot] == '.' && value.Slice(0, dot + 1).IsAbsolute();
    }

    /// <summary>
    /// The shortest text that means this name under <paramref name="origin"/>:
    /// "@" for the origin, a relative name below it, else the absolute name.
    /// </summary>
    public string ToRelativeString(DomainName origin)
    {
        // Only where the origin is spelled with the same case: reading a relative name back appends the
        // origin's spelling, so relativising "Mail.Example.Com." under "Example.COM." would change its case.
        if (string.Equals(Value, origin.Value, StringComparison.Ordinal))
        {
            return "@";
        }

        if (!origin.IsRoot && IsSubdomainOf(origin) && Value.EndsWith(origin.Value, StringComparison.Ordinal))
        {
            return Value[..(Value.Length - origin.Value.Length - 1)];
        }

        return Value;
    }

    /// <summary>The labels in presentation form, left to right, without the root.</summary>
    public IReadOnlyList<string> Labels => IsRoot ? [] : SplitLabels(Value);

    /// <summary>The name one label up; the root's parent is the root.</summary>
    public DomainName Parent
    {
        get
        {
            if (IsRoot)
            {
                return this;
            }

            var first = FirstLabelEnd(Value);
            return first + 1 >= Value.Length ? Root : new DomainName(Value[(first + 1)..]);
        }
    }

    /// <summary>The name lower-cased (ASCII only), as DNSSEC canonical form and BIND's output use it.</summary>
    public DomainName ToLowerInvariant() => new(Value.ToLowerInvariant());

    public bool Equals(DomainName other) =>
        _value is string text && other._value is string otherText
            ? string.Equals(text, otherText, StringComparison.OrdinalIgnoreCase)
            : EqualsMixed(other);

    public override bool Equals(object? obj) => obj is DomainName other && Equals(other);

    /// <summary>The same hash for the same name whatever its form (the string form's hash, as before).</summary>
    public override int GetHashCode() =>
        _value is string text ? StringComparer.OrdinalIgnoreCase.GetHashCode(text) : HashOfCompact();

    private bool EqualsMixed(DomainName other) =>
        _value is byte[] octets && other._value is byte[] otherOctets
            ? System.Text.Ascii.EqualsIgnoreCase(octets, otherOctets)
            : NameText.EqualsIgnoreCase(Text, other.Text);

    private int HashOfCompact()
    {
        if (_value is not byte[] octets)
        {
            return StringComparer.OrdinalIgnoreCase.GetHashCode(Value);
        }

        // The string form's hash of the same text: widen the octets to characters, then hash those.
        var onHeap = octets.Length > 256 ? new char[octets.Length] : null;
        Span<char> chars = onHeap ?? stackalloc char[256];
        System.Text.Ascii.ToUtf16(octets, chars, out var written);
        return string.GetHashCode(chars[..written], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>RFC 4034 §6.1 canonical order: compare label by label from the right, ignoring case.</summary>
    public int CompareTo(DomainName other)
    {
        var left = Labels;
        var right = other.Labels;
        for (int i = left.Count - 1, j = right.Count - 1; i >= 0 && j >= 0; i--, j--)
        {
            var c = CompareLabel(left[i], right[j]);
            if (c != 0)
            {
                return c;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    public static bool operator ==(DomainName left, DomainName right) => left.Equals(right);

    public static bool operator !=(DomainName left, DomainName right) => !left.Equals(right);

    public static bool operator <(DomainName left, DomainName right) => left.CompareTo(right) < 0;

    public static bool operator >(DomainName left, DomainName right) => left.CompareTo(right) > 0;

    public static bool operator <=(DomainName left, DomainName right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DomainName left, DomainName right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value;

    /// <summary>Length of the name in wire form (length octets plus label octets plus the root).</summary>
    public int WireLength() => WireLength(Value);

    /// <summary>The labels as raw octets, for wire encoding.</summary>
    public IReadOnlyList<byte[]> WireLabels()
    {
        var labels = Labels;
        var result = new byte[labels.Count][];
        for (var i = 0; i < labels.Count; i++)
        {
            result[i] = DecodeLabel(labels[i]);
        }

        return result;
    }

    private static int CompareLabel(string a, string b)
    {
        var x = DecodeLabel(a);
        var y = DecodeLabel(b);
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var c = ToLowerAscii(x[i]).CompareTo(ToLowerAscii(y[i]));
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static byte ToLowerAscii(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private static int WireLength(string absolute)
    {
        if (absolute == ".")
        {
            return 1;
        }

        var total = 1;
        foreach (var label in SplitLabels(absolute))
        {
            total += 1 + DecodeLabel(label).Length;
        }

        return total;
    }

    private static int FirstLabelEnd(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i += i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) ? 3 : 1;
            }
            else if (text[i] == '.')
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>Splits an absolute presentation name at unescaped dots, dropping the final empty label.</summary>
    private static List<string> SplitLabels(string text)
    {
        var labels = new List<string>(4);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i += i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) ? 3 : 1;
            }
            else if (text[i] == '.')
            {
                labels.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            labels.Add(text[start..]);
        }

        return labels;
    }

    /// <summary>Decodes one presentation-form label (escapes resolved) into octets.</summary>
    internal static byte[] DecodeLabel(string label)
    {
        if (!label.Contains('\\'))
        {
            return Encoding.Latin1.GetBytes(label);
        }

        var bytes = new List<byte>(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            if (c == '\\' && i + 1 < label.Length)
            {
                if (i + 3 < label.Length && char.IsAsciiDigit(label[i + 1])
                    && char.IsAsciiDigit(label[i + 2]) && char.IsAsciiDigit(label[i + 3]))
                {
                    bytes.Add((byte)int.Parse(label.AsSpan(i + 1, 3)));
                    i += 3;
                }
                else
                {
                    bytes.Add((byte)label[i + 1]);
                    i++;
                }
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return [.. bytes];
    }

    /// <summary>Encodes label octets in presentation form, escaping as BIND does.</summary>
    internal static string EncodeLabel(ReadOnlySpan<byte> octets)
    {
        var sb = new StringBuilder(octets.Length);
        foreach (var b in octets)
        {
            switch (b)
            {
                case (byte)'.' or (byte)'\\' or (byte)'"' or (byte)';' or (byte)'(' or (byte)')' or (byte)'@' or (byte)'$':
                    sb.Append('\\').Append((char)b);
                    break;
                case > 0x20 and < 0x7f:
                    sb.Append((char)b);
                    break;
                default:
                    sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscaping(string body)
    {
        foreach (var c in body)
        {
            if (c is '\\' or '"' or ';' or '(' or ')' or '@' or '$' or <= ' ' or >= '\x7f')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Validates each label of a (relative or absolute) name and returns it without the trailing dot,
    /// with escapes normalised; null and an error when a label is empty or too long.
    /// </summary>
    private static string? NormaliseLabels(string text, out string? error)
    {
        var body = IsAbsolute(text) ? text[..^1] : text;
        // Escapes, and octets BIND would print escaped ('@', '$', '"', …), are rewritten to one form,
        // so equal names have equal text and the writer's output reads back the same.
        var needsRewrite = NeedsEscaping(body);
        var labels = SplitLabels(body + ".");
        if (labels.Count == 0 || body.Length == 0)
        {
            error = "expected a domain name, found nothing";
            return null;
        }

        // Count dots to catch empty labels ("a..b", ".a"): SplitLabels keeps them as "".
        var rebuilt = needsRewrite ? new StringBuilder(body.Length) : null;
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (label.Length == 0)
            {
                error = $"empty label in '{text}'";
                return null;
            }

            var octets = DecodeLabel(label);
            if (octets.Length > MaxLabelLength)
            {
                error = $"label '{label}' is {octets.Length} octets long, the limit is {MaxLabelLength}";
                return null;
            }

            if (rebuilt is not null)
            {
                if (i > 0)
                {
                    rebuilt.Append('.');
                }

                rebuilt.Append(EncodeLabel(octets));
            }
        }

        error = null;
        return rebuilt?.ToString() ?? body;
    }
}
