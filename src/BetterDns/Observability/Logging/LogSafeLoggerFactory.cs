namespace BetterDns.Observability.Logging;

/// <summary>
/// The one place client text is made safe for logs: the host's <see cref="ILoggerFactory"/> is wrapped so
/// every logger it hands out (ours, ASP.NET's, Kestrel's) escapes control characters in messages, structured
/// values and scopes before any provider sees them. Log calls need not remember to; no log line can be forged
/// with a CR/LF or steer a terminal with an ESC, whichever provider and formatter is configured.
/// Wrapping the factory rather than the providers keeps per-provider filter rules (<c>Logging:Console:LogLevel</c>) working.
/// </summary>
internal sealed class LogSafeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new LogSafeLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
