namespace WriteLoad;

/// <summary>One worker's record of a phase: latency of every acknowledged write, acknowledgements by kind, errors by kind.</summary>
public sealed class Tally
{
    public List<double> LatenciesMs { get; } = new(capacity: 1 << 14);

    public int Creates { get; set; }

    public int Updates { get; set; }

    public int Deletes { get; set; }

    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public void Fail(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;

    public static Tally Merge(IEnumerable<Tally> tallies)
    {
        var all = new Tally();
        foreach (var t in tallies)
        {
            all.LatenciesMs.AddRange(t.LatenciesMs);
            all.Creates += t.Creates;
            all.Updates += t.Updates;
            all.Deletes += t.Deletes;
            foreach (var (kind, count) in t.Errors)
            {
                all.Errors[kind] = all.Errors.GetValueOrDefault(kind) + count;
            }
        }

        return all;
    }
}
