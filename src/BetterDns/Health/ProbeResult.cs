namespace BetterDns.Health;

/// <summary>One check's outcome; <see cref="Error"/> says why it failed, in words an operator can act on.</summary>
public readonly record struct ProbeResult(bool Passed, string? Error)
{
    public static ProbeResult Pass { get; } = new(true, null);

    public static ProbeResult Fail(string error) => new(false, error);
}
