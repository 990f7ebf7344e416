using System.Net;
using BetterDns.HealthTests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>Priorities in a pool: the backup is served only while the primary is critical, and hands back after.</summary>
public sealed class FailoverTests
{
    private static readonly IPAddress Primary = IPAddress.Parse("127.0.0.6");
    private static readonly IPAddress Backup = IPAddress.Parse("127.0.0.7");

    [Fact]
    public async Task TheBackupIsServedOnlyWhileThePrimaryIsCritical()
    {
        using var primary = new TcpTarget(Primary);
        using var backup = new TcpTarget(Backup);
        await using var app = new HealthApp();
        var check = (int port) => new { kind = "tcp", port, interval = "100ms", failuresBeforeCritical = 1, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(app.Admin, "db", Primary, check(primary.Port), priority: 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(app.Admin, "db", Backup, check(backup.Port), priority: 10)).StatusCode);
        await app.AnswersAsync("db", "127.0.0.6");

        primary.Stop();
        await app.AnswersAsync("db", "127.0.0.7");
        await app.WaitForStateAsync("db", Primary, "critical");
        Assert.Equal(10, (await app.RecordAsync("db", Backup))!.Value.GetProperty("priority").GetInt32());

        primary.Start();
        await app.AnswersAsync("db", "127.0.0.6");

        primary.Stop();
        backup.Stop();
        await app.AnswersAsync("db");
    }

    [Fact]
    public async Task MembersOfTheSamePriorityAreAllServed()
    {
        using var a = new TcpTarget(Primary);
        using var b = new TcpTarget(Backup);
        await using var app = new HealthApp();
        await HealthApp.RegisterAsync(app.Admin, "pool", Primary, new { kind = "tcp", port = a.Port, interval = "100ms", failuresBeforeCritical = 1 }, priority: 5);
        await HealthApp.RegisterAsync(app.Admin, "pool", Backup, new { kind = "tcp", port = b.Port, interval = "100ms", failuresBeforeCritical = 1 }, priority: 5);
        await app.AnswersAsync("pool", "127.0.0.6", "127.0.0.7");

        b.Stop();
        await app.AnswersAsync("pool", "127.0.0.6");
    }
}
