// These tests run real scripts, loopback aliases (127.0.0.2 …) and dig: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
