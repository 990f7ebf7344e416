namespace BetterDns.Reliability.CrashConsistency;

/// <summary>
/// What one name must hold, from its single writer's point of view: the state of the last acknowledged
/// change, and the state an unanswered change would leave (the process died with it in flight). After a
/// restart the name must hold exactly one of the two: never a mix, never anything else.
/// </summary>
public sealed class NameLedger(string name)
{
    public string Name { get; } = name;

    /// <summary>The addresses after the last change that got a 2xx (or after the last check resolved an unanswered one).</summary>
    public SortedSet<string> Acknowledged { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The addresses the unanswered change would have left; null when nothing is in doubt.</summary>
    public SortedSet<string>? InDoubt { get; private set; }

    public void Acknowledge(SortedSet<string> state)
    {
        Acknowledged = state;
        InDoubt = null;
    }

    public void Unanswered(SortedSet<string> state) => InDoubt = state;

    /// <summary>
    /// Settles the ledger against what the service holds now: true when that is the acknowledged state or
    /// the in-doubt one (which then becomes acknowledged); false when it is neither.
    /// </summary>
    public bool Settle(IReadOnlyCollection<string> actual, out Resolution resolution)
    {
        if (Acknowledged.SetEquals(actual))
        {
            resolution = InDoubt is null ? Resolution.Settled : Resolution.InDoubtLost;
            InDoubt = null;
            return true;
        }

        if (InDoubt is not null && InDoubt.SetEquals(actual))
        {
            resolution = Resolution.InDoubtKept;
            Acknowledge(InDoubt);
            return true;
        }

        resolution = Resolution.Broken;
        return false;
    }

    public override string ToString() =>
        $"{Name}: acknowledged [{string.Join(' ', Acknowledged)}], in doubt {(InDoubt is null ? "none" : $"[{string.Join(' ', InDoubt)}]")}";
}

/// <summary>How a name's state compared with its ledger after a restart.</summary>
public enum Resolution
{
    /// <summary>Nothing was in doubt and the acknowledged state is there.</summary>
    Settled,

    /// <summary>An unanswered change did not make it (allowed: it was never acknowledged).</summary>
    InDoubtLost,

    /// <summary>An unanswered change made it whole (allowed: the journal had it before the kill).</summary>
    InDoubtKept,

    /// <summary>Neither state: an acknowledged change was lost or a change was half applied.</summary>
    Broken,
}
