using System.Net;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.CrashConsistency;

/// <summary>
/// Writers that each own a few names (their token may change nothing else) and change them one request
/// at a time: register an address, replace the pool, remove one address or all. Every answer updates the
/// name's <see cref="NameLedger"/>; a request without an answer leaves its outcome in doubt and ends the writer.
/// </summary>
public sealed class WriteStorm
{
    private readonly Writer[] _writers;
    private long _acknowledgedTotal;

    public WriteStorm(int writers, int namesPerWriter, Func<int, string> token)
    {
        _writers = [.. Enumerable.Range(0, writers).Select(w => new Writer(
            this, w, token(w), [.. Enumerable.Range(0, namesPerWriter).Select(n => new NameLedger($"c{w}-{n}"))]))];
    }

    public IEnumerable<NameLedger> Ledgers => _writers.SelectMany(w => w.Names);

    public static string NamePattern(int writer) => $"c{writer}-*";

    public long Acknowledged => Interlocked.Read(ref _acknowledgedTotal);

    public long Refused => _writers.Sum(w => w.Refused);

    public long Unanswered => _writers.Sum(w => w.Unanswered);

    /// <summary>Status codes of 5xx answers (there must be none).</summary>
    public IEnumerable<string> ServerErrors => _writers.SelectMany(w => w.ServerErrors);

    /// <summary>Runs every writer until its first unanswered request (the process was killed) or <paramref name="stop"/>.</summary>
    public Task RunAsync(HttpClient http, int seed, CancellationToken stop) =>
        Task.WhenAll(_writers.Select(w => Task.Run(() => w.RunAsync(http, new Random(seed * 7919 + w.Index), stop), CancellationToken.None)));

    /// <summary>Waits until <paramref name="count"/> more changes are acknowledged (or <paramref name="within"/> is up).</summary>
    public async Task WaitForAcknowledgementsAsync(long count, TimeSpan within)
    {
        var target = Acknowledged + count;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (Acknowledged < target && System.Diagnostics.Stopwatch.GetElapsedTime(started) < within)
        {
            await Task.Delay(2);
        }
    }

    private sealed class Writer(WriteStorm storm, int index, string token, NameLedger[] names)
    {
        public int Index { get; } = index;

        public NameLedger[] Names { get; } = names;

        public long Refused { get; private set; }

        public long Unanswered { get; private set; }

        public List<string> ServerErrors { get; } = [];

        public async Task RunAsync(HttpClient http, Random random, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var ledger = Names[random.Next(Names.Length)];
                var (request, after) = NextChange(ledger, random);
                try
                {
                    // No cancellation token: a request is either answered or dies with the process.
                    using var response = await http.SendAsync(request);
                    var status = (int)response.StatusCode;
                    if (status is >= 200 and < 300)
                    {
                        ledger.Acknowledge(after);
                        Interlocked.Increment(ref storm._acknowledgedTotal);
                    }
                    else
                    {
                        // An answered error changed nothing: the acknowledged state stands.
                        Refused++;
                        if (status >= 500)
                        {
                            ServerErrors.Add($"{request.Method} {request.RequestUri}: {status} {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    ledger.Unanswered(after);
                    Unanswered++;
                    return;
                }
            }
        }

        private (HttpRequestMessage Request, SortedSet<string> After) NextChange(NameLedger ledger, Random random)
        {
            var current = ledger.Acknowledged;
            var roll = random.Next(100);
            if (roll < 40 && current.Count < 6)
            {
                var ip = Address(random);
                return (Api.Register(token, ledger.Name, ip), new SortedSet<string>(current.Append(ip), StringComparer.Ordinal));
            }

            if (roll < 75 || current.Count == 0)
            {
                var ips = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Address(random)).ToList();
                return (Api.Replace(token, ledger.Name, ips), new SortedSet<string>(ips, StringComparer.Ordinal));
            }

            if (roll < 88)
            {
                var ip = current.ElementAt(random.Next(current.Count));
                return (Api.Remove(token, ledger.Name, ip), new SortedSet<string>(current.Where(a => a != ip), StringComparer.Ordinal));
            }

            return (Api.Remove(token, ledger.Name), new SortedSet<string>(StringComparer.Ordinal));
        }

        // Each writer draws from its own /16, so two writers never share an address.
        private IPAddress AddressValue(Random random) => new([10, (byte)Index, (byte)random.Next(256), (byte)random.Next(1, 255)]);

        private string Address(Random random) => AddressValue(random).ToString();
    }
}
