namespace WriteLoad;

/// <summary>One worker's record of a phase: latency of every acknowledged write, acknowledgements by kind, errors by kind.</summary>
public sealed class Tally
{
    public List<double> LatenciesMs { get; } = new(capacity: 1 << 14);

    public int Creates { get; set; }

    public int Updates { get; set; }

    public int Deletes { get; set; }

    /// <summary>Writes acknowledged after the run's deadline: applied, not counted.</summary>
    public int Late { get; set; }

    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public void Count(WriteKind kind, double latencyMs)
    {
        LatenciesMs.Add(latencyMs);
        _ = kind switch
        {
            WriteKind.Create => Creates++,
            WriteKind.Update => Updates++,
            _ => Deletes++,
        };
    }

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
            all.Late += t.Late;
            foreach (var (kind, count) in t.Errors)
            {
                all.Errors[kind] = all.Errors.GetValueOrDefault(kind) + count;
            }
        }

        return all;
    }
}

public enum WriteKind
{
    Create,
    Update,
    Delete,
}
