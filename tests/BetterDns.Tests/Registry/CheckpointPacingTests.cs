using BetterDns.Registry;

namespace BetterDns.Tests.Registry;

public sealed class CheckpointPacingTests
{
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Fact]
    public void ACheckpointIsFollowedByARestThatKeepsItToItsShareOfACore()
    {
        // 1 s of work then 9 s of rest: a tenth of a core.
        Assert.Equal(TimeSpan.FromSeconds(9), CheckpointPacing.RestAfter(TimeSpan.FromSeconds(1), 0.1, Max));
        Assert.Equal(TimeSpan.FromSeconds(1), CheckpointPacing.RestAfter(TimeSpan.FromSeconds(1), 0.5, Max));
    }

    [Fact]
    public void TheRestGrowsWithWhatTheCheckpointCost()
    {
        var small = CheckpointPacing.RestAfter(TimeSpan.FromMilliseconds(5), 0.1, Max);
        var large = CheckpointPacing.RestAfter(TimeSpan.FromMilliseconds(500), 0.1, Max);

        Assert.Equal(TimeSpan.FromMilliseconds(45), small);
        Assert.Equal(TimeSpan.FromMilliseconds(4500), large);
    }

    [Fact]
    public void TheRestNeverExceedsTheMaximumSoTheJournalARestartReplaysStaysBounded()
    {
        Assert.Equal(Max, CheckpointPacing.RestAfter(TimeSpan.FromSeconds(3), 0.1, Max));
    }

    [Fact]
    public void AFullShareOrAFreeCheckpointMeansNoRest()
    {
        Assert.Equal(TimeSpan.Zero, CheckpointPacing.RestAfter(TimeSpan.FromSeconds(1), 1.0, Max));
        Assert.Equal(TimeSpan.Zero, CheckpointPacing.RestAfter(TimeSpan.Zero, 0.1, Max));
    }
}
