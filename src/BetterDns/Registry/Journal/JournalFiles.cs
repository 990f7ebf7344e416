using System.Globalization;
using BetterDns.Zone.Model;

namespace BetterDns.Registry.Journal;

/// <summary>Naming, listing and replay of the journal segments <c>journal-NNNNNNNNNNNN.wal</c> in the data directory.</summary>
internal static class JournalFiles
{
    private const string Prefix = "journal-";
    private const string Suffix = ".wal";

    public static string SegmentPath(string directory, long number) =>
        System.IO.Path.Combine(directory, Prefix + number.ToString("D12", CultureInfo.InvariantCulture) + Suffix);

    /// <summary>The segments present, by number ascending.</summary>
    public static IReadOnlyList<(long Number, string Path)> List(string directory)
    {
        var found = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*" + Suffix))
        {
            var name = System.IO.Path.GetFileName(path);
            var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                found.Add((number, path));
            }
        }

        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>
    /// Every batch in every segment, in order. A segment is read up to its first torn frame, or up to
    /// the valid length the next segment's header gives for it, whichever comes first.
    /// </summary>
    public static JournalReplay Replay(string directory, DomainName origin)
    {
        var segments = List(directory);
        var decoded = segments
            .Select(s => (s.Number, Bytes: File.ReadAllBytes(s.Path)))
            .Select(s => (s.Number, s.Bytes, Header: JournalCodec.Decode(s.Bytes, s.Bytes.Length, origin).Header))
            .ToList();

        var batches = new List<IReadOnlyList<RegistrationOp>>();
        for (var i = 0; i < decoded.Count; i++)
        {
            var limit = (long)decoded[i].Bytes.Length;
            if (i + 1 < decoded.Count && decoded[i + 1].Header is { } next && next.PreviousSegment == decoded[i].Number)
            {
                limit = Math.Min(limit, next.PreviousValidLength);
            }

            batches.AddRange(JournalCodec.Decode(decoded[i].Bytes, limit, origin).Batches);
        }

        return new JournalReplay(segments, batches, segments.Count == 0 ? 0 : segments[^1].Number);
    }
}

/// <summary>What start-up found in the journal.</summary>
internal sealed record JournalReplay(
    IReadOnlyList<(long Number, string Path)> Segments,
    IReadOnlyList<IReadOnlyList<RegistrationOp>> Batches,
    long LastSegmentNumber);
