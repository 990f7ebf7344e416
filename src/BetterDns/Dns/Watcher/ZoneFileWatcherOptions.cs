using System.ComponentModel.DataAnnotations;

namespace BetterDns.Dns.Watcher;

/// <summary><c>Dns:Watcher</c>: noticing an operator's hand edits of the zone file.</summary>
public sealed class ZoneFileWatcherOptions
{
    /// <summary>Watch the zone file for hand edits (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quiet time after the last change event before the file is read: an editor's several writes become one edit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);
}
