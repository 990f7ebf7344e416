using System.Net;
using BetterDns.Dns;
using BetterDns.Dns.Embedded;
using BetterDns.Zone.Model;

// Usage: DnsQueryBench <names> <zone-file-to-write> <listen endpoint> [udp receivers] [Threads|Async] [rrl]
// Generates a zone of <names> A records under bench.test., writes it as a zone file (for Knot),
// serves it with the embedded server, prints "ready" and runs until stdin closes or SIGTERM.
var count = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var zoneFile = args[1];
var listen = args[2];
var receivers = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
var loop = args.Length > 4 ? Enum.Parse<UdpLoop>(args[4], ignoreCase: true) : UdpLoop.Threads;

// "rrl": the response rate limit on, at a rate no benchmark reaches, to price its bookkeeping per answer.
var rateLimit = new ResponseRateLimitOptions { Enabled = args.Length > 5 && args[5] == "rrl", ResponsesPerSecond = 1_000_000 };

var origin = DomainName.Parse("bench.test.");
var records = new List<ResourceRecord>
{
    new(origin, 3600, DnsClass.IN, new SoaData(DomainName.Parse("ns1.bench.test."), DomainName.Parse("hostmaster.bench.test."), 1, 3600, 600, 86400, 60)),
    new(origin, 3600, DnsClass.IN, new NameData(RecordType.NS, DomainName.Parse("ns1.bench.test."))),
    new(DomainName.Parse("ns1.bench.test."), 3600, DnsClass.IN, new AData(IPAddress.Parse("192.0.2.53"))),
};
for (var i = 0; i < count; i++)
{
    records.Add(new(DomainName.Parse($"host-{i}.bench.test."), 60, DnsClass.IN, new AData(0x0A000000u + (uint)i)));
}

var zone = new DnsZone(origin, 3600, records);
if (zoneFile == "--in-process")
{
    // The responder alone, no sockets: what one answer costs in CPU and allocation.
    var responder = new DnsResponder(new FixedZone(zone));
    var queries = Enumerable.Range(0, 1024).Select(i => Query((ushort)i, $"host-{i * 7 % count}.bench.test.")).ToArray();
    var response = new byte[1232];
    for (var i = 0; i < 200_000; i++)
    {
        responder.Respond(queries[i & 1023], response, overTcp: false);
    }

    const int rounds = 2_000_000;
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    for (var i = 0; i < rounds; i++)
    {
        responder.Respond(queries[i & 1023], response, overTcp: false);
    }

    var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    Console.WriteLine($"in-process: {elapsed.TotalNanoseconds / rounds:F0} ns/query, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)rounds:F1} bytes allocated/query");
    return;
}

await File.WriteAllLinesAsync(zoneFile, zone.Records.Select(r => r.ToString()));

var options = new EmbeddedDnsOptions { Listen = [listen], UdpReceivers = receivers, UdpLoop = loop, ResponseRateLimit = rateLimit };
await using var server = new EmbeddedDnsServer(new DnsResponder(new FixedZone(zone), options.MaxUdpPayload), options);
await server.StartAsync();
Console.WriteLine($"ready {server.Endpoints[0]}");

using var stop = new CancellationTokenSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
await server.StopAsync();

static byte[] Query(ushort id, string name)
{
    var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
    foreach (var label in name.TrimEnd('.').Split('.'))
    {
        bytes.Add((byte)label.Length);
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
    }

    // Question A IN, then an OPT advertising 1232 octets, as dnsperf and dig send.
    bytes.AddRange([0, 0, 1, 0, 1, 0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0]);
    return [.. bytes];
}

internal sealed class FixedZone(DnsZone zone) : IZoneSource
{
    public DnsZone Current => zone;
}
