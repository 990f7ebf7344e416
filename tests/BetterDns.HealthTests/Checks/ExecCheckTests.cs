using System.Net;
using BetterDns.HealthTests.Infrastructure;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.HealthTests.Checks;

/// <summary>Exec checks run a real script from the configured directory with the Dynu client's arguments.</summary>
public sealed class ExecCheckTests : IDisposable
{
    private static readonly IPAddress Target = IPAddress.Parse("127.0.0.4");
    private readonly string _scripts = TempDirectory.Create();

    public ExecCheckTests()
    {
        // Writes its arguments where the test can read them, and exits with the code in ./exit-code.
        var script = Path.Combine(_scripts, "check-vhost.sh");
        File.WriteAllText(script, "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\nexit $(cat \"$(dirname \"$0\")/exit-code\")\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(_scripts, "exit-code"), "0");
    }

    [Fact]
    public async Task AScriptIsCalledWithNameIpAndPortAndItsExitCodeDecides()
    {
        await using var app = new HealthApp(new Dictionary<string, string?> { ["Health:ExecDirectory"] = _scripts });
        var check = new { kind = "exec", executable = "check-vhost.sh", port = 8080, interval = "1s", timeout = "1s", failuresBeforeCritical = 1, successesBeforePassing = 1 };
        Assert.Equal(HttpStatusCode.Created, (await HealthApp.RegisterAsync(app.Admin, "vhost-1", Target, check)).StatusCode);
        await app.WaitForStateAsync("vhost-1", Target, "passing");
        await WaitForFileAsync(Path.Combine(_scripts, "args"));
        Assert.Equal("-v vhost-1.cluster.internal -i 127.0.0.4 -p 8080", File.ReadAllText(Path.Combine(_scripts, "args")).Trim());

        File.WriteAllText(Path.Combine(_scripts, "exit-code"), "3");
        var critical = await app.WaitForStateAsync("vhost-1", Target, "critical");
        Assert.Contains("exited with 3", critical.GetProperty("health").Str("reason"));
        await app.AnswersAsync("vhost-1");

        File.WriteAllText(Path.Combine(_scripts, "exit-code"), "0");
        await app.AnswersAsync("vhost-1", "127.0.0.4");
    }

    [Fact]
    public async Task AScriptThatHangsIsKilledAtItsTimeout()
    {
        var script = Path.Combine(_scripts, "hang.sh");
        File.WriteAllText(script, "#!/bin/sh\necho $$ > \"$(dirname \"$0\")/pid\"\nexec sleep 30\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var app = new HealthApp(new Dictionary<string, string?> { ["Health:ExecDirectory"] = _scripts });
        var check = new { kind = "exec", executable = "hang.sh", interval = "1s", timeout = "300ms", failuresBeforeCritical = 1 };
        await HealthApp.RegisterAsync(app.Admin, "hangs", Target, check);
        var critical = await app.WaitForStateAsync("hangs", Target, "critical", TimeSpan.FromSeconds(5));
        Assert.Contains("no answer within 300ms", critical.GetProperty("health").Str("reason"));
        var pid = int.Parse(File.ReadAllText(Path.Combine(_scripts, "pid")).Trim());
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), $"the script {pid} still runs");
    }

    [Fact]
    public async Task ExecutablesOutsideTheDirectoryAreRefusedAtRegistration()
    {
        await using var app = new HealthApp(new Dictionary<string, string?> { ["Health:ExecDirectory"] = _scripts });
        foreach (var name in new[] { "../check-vhost.sh", "/bin/sh", "sub/x.sh", ".." })
        {
            var response = await HealthApp.RegisterAsync(app.Admin, "bad", Target, new { kind = "exec", executable = name });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private static async Task WaitForFileAsync(string path)
    {
        for (var i = 0; i < 100 && !File.Exists(path); i++)
        {
            await Task.Delay(50);
        }
    }

    public void Dispose() => TempDirectory.Delete(_scripts);
}
