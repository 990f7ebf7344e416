using System.Diagnostics;
using BetterDns.Benchmarks;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

// betterdns-bench generate COUNT FILE ORIGIN      write a generated zone
// betterdns-bench parse-write FILE ORIGIN OUT     parse FILE and write it to OUT (what zone-parse.sh times)
switch (args)
{
    case ["generate", var count, var file, var origin]:
        ZoneGenerator.Generate(file, origin, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case ["parse-write", var file, var origin, var output]:
        if (Environment.GetEnvironmentVariable("BENCH_LOWLATENCY") is not null)
        {
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.LowLatency;
        }

        var phases = new PhaseClock();
        var zone = ZoneFileParser.ParseFile(file, DomainName.Parse(origin));
        phases.Lap("parse");
        if (Environment.GetEnvironmentVariable("BENCH_SORT") is not null)
        {
            var keys = new UInt128[zone.Records.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = RecordOrder.KeyOf(zone.Records[i].Owner, zone.Origin).Key;
            }

            phases.Lap("keys");
            Array.Sort(keys);
            phases.Lap("sortkeys");
            ZoneFileWriter.Normalize(zone);
            phases.Lap("sort");
        }

        using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ZoneFileWriter.Write(zone, stream);
        }

        phases.Lap("write");
        Console.Error.WriteLine($"{zone.Records.Length} records: {phases}; GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        return 0;
    case ["lex", var file]:
        var lexClock = new PhaseClock();
        var bytes = File.ReadAllBytes(file);
        lexClock.Lap("read");
        var errors = new List<ZoneFileError>();
        var tokens = new List<Token>();
        var lexer = new ZoneLexer(bytes, file, errors);
        var n = 0;
        while (lexer.NextRecord(tokens, out _, out _))
        {
            n++;
        }

        lexClock.Lap("lex");
        Console.Error.WriteLine($"{n} records: {lexClock}");
        return 0;
    default:
        Console.Error.WriteLine("usage: generate COUNT FILE ORIGIN | parse-write FILE ORIGIN OUT");
        return 2;
}

/// <summary>Wall and CPU time of each phase (CPU time shows the cost when the machine is busy).</summary>
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
