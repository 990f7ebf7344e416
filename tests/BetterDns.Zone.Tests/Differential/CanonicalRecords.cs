using System.Text;

namespace BetterDns.Zone.Tests.Differential;

/// <summary>
/// Brings one-record-a-line canonical output (ours from CanonicalZoneWriter, BIND's from
/// named-compilezone) to a form where two lines are equal exactly when they mean the same record.
/// Every rule here is a difference of spelling, not of meaning, and is listed in docs/zonefile.md:
/// <list type="number">
/// <item>Blanks: runs of spaces and tabs outside quoted strings become one space.</item>
/// <item>Owner case (optional): BIND spells each RRset's owner as at its first record, which depends on
/// record order; where the orders differ, owners are compared lower-cased (RFC 4343). Names inside
/// RDATA keep their case.</item>
/// <item>Binary fields: BIND splits base64 and hex into chunks and prints hex in upper case, so the
/// key/digest/certificate/signature field of DNSKEY, CDNSKEY, KEY, DS, CDS, TLSA, SMIMEA, ZONEMD, SSHFP,
/// RRSIG, SIG, IPSECKEY, DHCID, OPENPGPKEY and the data of RFC 3597 <c>\#</c> RDATA is joined without
/// blanks, and hex (and the HIT of HIP) is upper-cased.</item>
/// <item>SVCB/HTTPS: BIND sorts SvcParams by key number and quotes values such as alpn; params
/// are compared unquoted and sorted.</item>
/// </list>
/// </summary>
public static class CanonicalRecords
{
    /// <summary>
    /// The distinct normalised records of a canonical zone text (blank lines and BIND's comment lines,
    /// such as the <c>; resign=</c> after an RRSIG set, ignored). With
    /// <paramref name="ignoreOwnerCase"/> false, owners must be spelled as BIND spells them.
    /// </summary>
    public static SortedSet<string> Normalise(string canonicalText, bool ignoreOwnerCase = true)
    {
        var records = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in canonicalText.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != ';')
            {
                records.Add(NormaliseLine(line, ignoreOwnerCase));
            }
        }

        return records;
    }

    public static string NormaliseLine(string line, bool ignoreOwnerCase = true)
    {
        var tokens = Tokenise(line);
        if (tokens.Count < 4)
        {
            throw new FormatException($"not a canonical record line: '{line}'");
        }

        var owner = ignoreOwnerCase ? LowerAscii(tokens[0]) : tokens[0];
        var ttl = tokens[1];
        var @class = tokens[2].ToUpperInvariant();
        var type = tokens[3].ToUpperInvariant();
        var rdata = NormaliseRData(type, tokens.Skip(4).ToList());
        return $"{owner} {ttl} {@class} {type} {string.Join(' ', rdata)}".TrimEnd();
    }

    private static List<string> NormaliseRData(string type, List<string> fields)
    {
        if (fields.Count >= 2 && fields[0] == @"\#")
        {
            return [fields[0], fields[1], .. JoinTail(fields, 2, upperHex: true)];
        }

        return type switch
        {
            "DNSKEY" or "CDNSKEY" or "KEY" => JoinTail(fields, 3, upperHex: false),
            "DS" or "CDS" or "DLV" or "TA" or "TLSA" or "SMIMEA" or "ZONEMD" => JoinTail(fields, 3, upperHex: true),
            "RRSIG" or "SIG" => JoinTail(fields, 8, upperHex: false),
            "IPSECKEY" => JoinTail(fields, 4, upperHex: false),
            "DHCID" or "HHIT" or "BRID" => JoinTail(fields, 0, upperHex: false),
            "RKEY" => JoinTail(fields, 3, upperHex: false),
            "SINK" => JoinTail(fields, 2, upperHex: false),
            "DOA" => JoinTail(fields, 4, upperHex: false),
            "HIP" when fields.Count >= 2 => [fields[0], fields[1].ToUpperInvariant(), .. fields.Skip(2)],
            "SSHFP" => JoinTail(fields, 2, upperHex: true),
            "OPENPGPKEY" => JoinTail(fields, 0, upperHex: false),
            "SVCB" or "HTTPS" => SortedSvcParams(fields),
            _ => fields,
        };
    }

    /// <summary>Keeps the first <paramref name="keep"/> fields and joins the rest into one blob.</summary>
    private static List<string> JoinTail(List<string> fields, int keep, bool upperHex)
    {
        if (fields.Count <= keep)
        {
            return fields;
        }

        var blob = string.Concat(fields.Skip(keep));
        return [.. fields.Take(keep), upperHex ? blob.ToUpperInvariant() : blob];
    }

    private static List<string> SortedSvcParams(List<string> fields)
    {
        if (fields.Count <= 2)
        {
            return fields;
        }

        var parameters = fields.Skip(2).Select(Unquote).Order(StringComparer.Ordinal);
        return [fields[0], fields[1], .. parameters];
    }

    /// <summary><c>alpn="h2,h3"</c> → <c>alpn=h2,h3</c>.</summary>
    private static string Unquote(string parameter)
    {
        var equals = parameter.IndexOf('=');
        if (equals < 0)
        {
            return parameter;
        }

        var value = parameter[(equals + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        return parameter[..(equals + 1)] + value;
    }

    /// <summary>Splits at blanks outside double quotes; a backslash escapes the next character.</summary>
    private static List<string> Tokenise(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(c).Append(line[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if (!quoted && c is ' ' or '\t' or '\r')
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static string LowerAscii(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });
}
