using System.Runtime.Versioning;

// These tests start BIND, Knot and shell scripts and send POSIX signals: Linux only.
[assembly: SupportedOSPlatform("linux")]
