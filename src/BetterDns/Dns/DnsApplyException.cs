namespace BetterDns.Dns;

/// <summary>A new zone could not be applied to the server (reload command failed, server not running).</summary>
public sealed class DnsApplyException(string message) : Exception(message);
