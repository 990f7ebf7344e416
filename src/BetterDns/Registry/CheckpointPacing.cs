namespace BetterDns.Registry;

/// <summary>
/// How long the checkpointer rests after a checkpoint before it may start the next one. The journal is
/// the durability point, so checkpoints only bound how much a restart replays and how far the zone file
/// lags: a checkpoint that took <c>d</c> (which grows with the zone) is followed by a rest of
/// <c>d · (1 − share) / share</c>, so under a steady stream of writes rewriting the files takes at most
/// <c>share</c> of a core; the rest never exceeds <c>maxRest</c>, which bounds the journal a restart
/// replays to what arrives in <c>maxRest</c> plus one checkpoint.
/// </summary>
internal static class CheckpointPacing
{
    public static TimeSpan RestAfter(TimeSpan checkpointTook, double share, TimeSpan maxRest)
    {
        if (checkpointTook <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var rest = checkpointTook.TotalMilliseconds * (1 - share) / share;
        return rest >= maxRest.TotalMilliseconds ? maxRest : TimeSpan.FromMilliseconds(rest);
    }
}
