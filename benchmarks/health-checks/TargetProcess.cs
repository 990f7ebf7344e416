using System.Diagnostics;
using System.Net;

/// <summary>
/// The benchmark's targets in their own process: 20 live listeners (even ones HTTP) on 127.0.2.x and
/// one TCP listener per victim on 127.0.3.x. It prints one line per listener ("address port http"), then
/// closes victim N when it reads "kill N" on stdin, and exits when stdin closes.
/// </summary>
internal sealed class TargetProcess : IDisposable
{
    public const int Victims = 8;
    private const int LiveCount = 20;
    private readonly Process _process;

    private TargetProcess(Process process, List<(IPAddress Address, int Port, bool Http)> live, List<(IPAddress Address, int Port)> victims)
    {
        _process = process;
        Live = live;
        VictimEndpoints = victims;
    }

    public List<(IPAddress Address, int Port, bool Http)> Live { get; }

    public List<(IPAddress Address, int Port)> VictimEndpoints { get; }

    public static TargetProcess Start()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("HealthChecks", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(TargetProcess).Assembly.Location);
        }

        start.ArgumentList.Add("targets");
        var process = Process.Start(start)!;
        var live = new List<(IPAddress, int, bool)>();
        var victims = new List<(IPAddress, int)>();
        for (var i = 0; i < LiveCount + Victims; i++)
        {
            var parts = process.StandardOutput.ReadLine()!.Split(' ');
            var (address, port, http) = (IPAddress.Parse(parts[0]), int.Parse(parts[1]), parts[2] == "http");
            if (i < LiveCount)
            {
                live.Add((address, port, http));
            }
            else
            {
                victims.Add((address, port));
            }
        }

        return new TargetProcess(process, live, victims);
    }

    public void Kill(int victim)
    {
        lock (_process)
        {
            _process.StandardInput.WriteLine($"kill {victim}");
            _process.StandardInput.Flush();
        }
    }

    public static async Task RunAsync()
    {
        var live = Enumerable.Range(0, LiveCount).Select(i => new Target(IPAddress.Parse($"127.0.2.{i + 1}"), http: i % 2 == 0)).ToList();
        var victims = Enumerable.Range(0, Victims).Select(i => new Target(IPAddress.Parse($"127.0.3.{i + 1}"), http: false)).ToList();
        foreach (var (target, http) in live.Select((t, i) => (t, i % 2 == 0)).Concat(victims.Select(t => (t, false))))
        {
            Console.WriteLine($"{target.Address} {target.Port} {(http ? "http" : "tcp")}");
        }

        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("kill ", StringComparison.Ordinal))
            {
                victims[int.Parse(line[5..])].Dispose();
            }
        }

        live.ForEach(t => t.Dispose());
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
