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
    int Errors,
    Dictionary<string, int> ErrorKinds,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    int VisibilityUdpSamples,
    double VisibilityUdpMedianMs,
    double VisibilityUdpMaxMs,
    int VisibilityDigSamples,
    double VisibilityDigMedianMs,
    int NotVisible,
    double ServerCpuSeconds,
    double ClientCpuSeconds,
    string LoadAverageBefore,
    string LoadAverageAfter);

[JsonSerializable(typeof(RunResult))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed partial class RunResultJson : JsonSerializerContext;
