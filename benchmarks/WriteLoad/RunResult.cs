using System.Text.Json.Serialization;

namespace WriteLoad;

/// <summary>One measured run, written as a JSON line for the script's table.</summary>
public sealed record RunResult(
    string Label,
    string Target,
    int Clients,
    double Seconds,
    int Acknowledged,
    double WritesPerSecond,
    int Creates,
    int Updates,
    int Deletes,
    int Late,
    int Errors,
    Dictionary<string, int> ErrorKinds,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    Visibility UnderLoad,
    Visibility Quiet,
    double ServerCpuSeconds,
    double ClientCpuSeconds,
    string LoadAverageBefore,
    string LoadAverageAfter);

/// <summary>Acknowledgement to first DNS answer with the new address: medians by UDP loop and by dig, and samples never seen.</summary>
public sealed record Visibility(int UdpSamples, double UdpMedianMs, double UdpMaxMs, int DigSamples, double DigMedianMs, double DigQueriesPerSample, int NotVisible)
{
    public static Visibility Of(VisibilitySampler sampler)
    {
        var udp = Percentiles.Sorted(sampler.UdpMs);
        var dig = Percentiles.Sorted(sampler.DigMs);
        return new Visibility(udp.Count, Percentiles.Of(udp, 50), Percentiles.Of(udp, 100), dig.Count, Percentiles.Of(dig, 50),
            sampler.DigQueries.Count == 0 ? double.NaN : Math.Round(sampler.DigQueries.Average(), 2), sampler.NotVisible);
    }

    public override string ToString() =>
        $"udp median {UdpMedianMs:F2} ms (n={UdpSamples}, max {UdpMaxMs:F1}), dig median {DigMedianMs:F1} ms (n={DigSamples}, {DigQueriesPerSample:F2} dig runs each), not visible {NotVisible}";
}

[JsonSerializable(typeof(RunResult))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed partial class RunResultJson : JsonSerializerContext;
