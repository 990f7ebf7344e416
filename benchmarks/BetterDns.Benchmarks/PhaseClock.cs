using System.Diagnostics;

namespace BetterDns.Benchmarks;

/// <summary>Wall and CPU time of each phase (CPU time shows the cost even when the machine is busy).</summary>
internal sealed class PhaseClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly List<string> _laps = [];
    private TimeSpan _lastWall;
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;

    public void Lap(string name)
    {
        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _laps.Add($"{name} {(wall - _lastWall).TotalMilliseconds:F0} ms wall / {(cpu - _lastCpu).TotalMilliseconds:F0} ms CPU");
        (_lastWall, _lastCpu) = (wall, cpu);
    }

    public override string ToString() => string.Join(", ", _laps);
}
