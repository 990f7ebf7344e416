using System.Diagnostics;
using BetterDns.Benchmarks;
using BetterDns.Zone.Model;
using BetterDns.Zone.Parsing;
using BetterDns.Zone.Writing;

// BetterDns.Benchmarks generate COUNT FILE ORIGIN      write a generated zone
// BetterDns.Benchmarks parse-write FILE ORIGIN OUT [--parallel]
//                                                     parse FILE and write it to OUT (what zone-parse.sh times);
//                                                     --parallel reads and formats on every core
switch (args)
{
    case ["generate", var count, var file, var origin]:
        ZoneGenerator.Generate(file, origin, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case ["parse-write", var file, var origin, var output, .. var flags] when flags is [] or ["--parallel"]:
        var parallel = flags is ["--parallel"];
        var phases = new PhaseClock();
        var zone = ZoneFileParser.ParseFile(file, DomainName.Parse(origin), new ZoneParserOptions { ReadInParallel = parallel, CompactRecords = true });
        phases.Lap("parse");
        using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ZoneFileWriter.Write(zone, stream, parallel);
        }

        phases.Lap("write");
        Console.Error.WriteLine($"{zone.Records.Length} records: {phases}; GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        return 0;
    default:
        Console.Error.WriteLine("usage: generate COUNT FILE ORIGIN | parse-write FILE ORIGIN OUT [--parallel]");
        return 2;
}
