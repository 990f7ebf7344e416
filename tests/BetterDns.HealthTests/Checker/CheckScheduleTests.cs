using BetterDns.Health;

namespace BetterDns.HealthTests.Checker;

/// <summary>The due-time queue the checker's single timer drains.</summary>
public sealed class CheckScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TakesOnlyWhatIsDueEarliestFirst()
    {
        var schedule = new CheckSchedule<string>();
        schedule.Add("late", T0.AddSeconds(9));
        schedule.Add("second", T0.AddSeconds(2));
        schedule.Add("first", T0.AddSeconds(1));
        schedule.Add("exactly-now", T0.AddSeconds(3));

        var due = new List<string>();
        schedule.TakeDue(T0.AddSeconds(3), due);

        Assert.Equal(["first", "second", "exactly-now"], due);
        Assert.Equal(1, schedule.Count);
    }

    [Fact]
    public void AnItemPutBackIsTakenAgainOnlyAtItsNewTime()
    {
        var schedule = new CheckSchedule<string>();
        schedule.Add("vm", T0);
        var due = new List<string>();
        schedule.TakeDue(T0, due);
        schedule.Add("vm", T0.AddSeconds(10));

        due.Clear();
        schedule.TakeDue(T0.AddSeconds(9.9), due);
        Assert.Empty(due);
        schedule.TakeDue(T0.AddSeconds(10), due);
        Assert.Equal(["vm"], due);
        Assert.Equal(0, schedule.Count);
    }
}
