using System.Diagnostics;
using System.Net;

namespace WriteLoad;

/// <summary>
/// Alongside the load, spread over the run: registers a new name, and from its acknowledgement queries the
/// server in a tight loop until an answer holds the new address. Even samples ask with <see cref="UdpProbe"/>
/// (in-process UDP), odd ones with <see cref="DigProbe"/> (a process per query, as the issue measured).
/// A write refused under load is retried; a sample not visible within 5 s is counted as not visible.
/// </summary>
public sealed class VisibilitySampler(IWriteTarget target, UdpProbe udp, DigProbe dig, string zone, string namePrefix, int samples)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(5);

    public List<double> UdpMs { get; } = [];

    public List<double> DigMs { get; } = [];

    public int NotVisible { get; private set; }

    public int RefusedWrites { get; private set; }

    public async Task RunAsync(TimeSpan duration, long deadlineTimestamp)
    {
        if (samples <= 0)
        {
            return;
        }

        var spacing = duration / samples;
        var random = new Random(7);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < samples && Stopwatch.GetTimestamp() < deadlineTimestamp; i++)
        {
            var slot = spacing * i - Stopwatch.GetElapsedTime(started);
            if (slot > TimeSpan.Zero)
            {
                await Task.Delay(slot);
            }

            var name = $"{namePrefix}-{i}";
            var address = LoadWorker.RandomAddress(random);
            WriteResult written;
            while (!(written = await target.CreateAsync(name, address, CancellationToken.None)).Acknowledged)
            {
                RefusedWrites++;
                if (Stopwatch.GetTimestamp() >= deadlineTimestamp)
                {
                    return;
                }
            }

            var acknowledged = Stopwatch.GetTimestamp();
            var useDig = i % 2 == 1 && DigProbe.Available;
            var visible = false;
            while (!visible && Stopwatch.GetElapsedTime(acknowledged) < GiveUp)
            {
                visible = useDig
                    ? await dig.AnswersAsync(name + "." + zone, address, CancellationToken.None)
                    : await udp.AnswersAsync(name + "." + zone, address, CancellationToken.None);
            }

            var elapsed = Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds;
            if (!visible)
            {
                NotVisible++;
            }
            else
            {
                (useDig ? DigMs : UdpMs).Add(elapsed);
            }
        }
    }
}
