using System.Diagnostics;
using System.Net;

namespace WriteLoad;

/// <summary>
/// Time from a write's acknowledgement to the first DNS answer that holds the new address. One worker hands
/// it a registration when a sample is due (samples are spread evenly over the run), then waits while it
/// queries the server in a tight loop, so the number of concurrent writers stays exactly the number of
/// clients. Even samples ask with <see cref="UdpProbe"/> (in-process UDP, blocking so that the reply is not
/// queued behind the other clients' continuations), odd ones with
/// <see cref="DigProbe"/> (a process per query, as the issue measured). Not visible within 10 s: counted apart.
/// </summary>
public sealed class VisibilitySampler(UdpProbe udp, DigProbe dig, string zone, int samples, TimeSpan duration)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _taken;

    public List<double> UdpMs { get; } = [];

    public List<double> DigMs { get; } = [];

    public int NotVisible { get; private set; }

    /// <summary>dig processes started per dig sample: above 1 means the first one came too early to see the name.</summary>
    public List<int> DigQueries { get; } = [];

    public int Taken => _taken;

    public bool Due => _taken < samples && Stopwatch.GetElapsedTime(_started) >= duration / samples * _taken;

    public async Task MeasureAsync(string name, IPAddress address, long acknowledgedTimestamp)
    {
        var useDig = _taken++ % 2 == 1 && DigProbe.Available;
        var fqdn = name + "." + zone;
        var visible = false;
        var queries = 0;
        while (!visible && Stopwatch.GetElapsedTime(acknowledgedTimestamp) < GiveUp)
        {
            queries++;
            visible = useDig
                ? await dig.AnswersAsync(fqdn, address, CancellationToken.None)
                : udp.Answers(fqdn, address, GiveUp - Stopwatch.GetElapsedTime(acknowledgedTimestamp));
        }

        var elapsed = Stopwatch.GetElapsedTime(acknowledgedTimestamp).TotalMilliseconds;
        if (!visible)
        {
            NotVisible++;
        }
        else
        {
            (useDig ? DigMs : UdpMs).Add(elapsed);
            if (useDig)
            {
                DigQueries.Add(queries);
            }
        }
    }
}
