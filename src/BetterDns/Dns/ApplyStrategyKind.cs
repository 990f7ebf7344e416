namespace BetterDns.Dns;

/// <summary>What the controller does to the server after the zone file was written (<c>Dns:ApplyStrategy</c>).</summary>
public enum ApplyStrategyKind
{
    /// <summary>Nothing: the file already carries a higher serial and the server polls it (CoreDNS <c>file … reload</c>).</summary>
    Serial,

    /// <summary>Run the reload command or send the reload signal.</summary>
    Signal,

    /// <summary>Stop the server and start it again.</summary>
    Restart,
}
