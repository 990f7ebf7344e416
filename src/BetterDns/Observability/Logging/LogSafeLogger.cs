namespace BetterDns.Observability.Logging;

/// <summary>Hands every entry and scope to the real logger through <see cref="LogSafeState{TState}"/> and <see cref="LogSafeScope"/>.</summary>
internal sealed class LogSafeLogger(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(LogSafeScope.Of(state));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, new LogSafeState<TState>(state, formatter), exception, LogSafeState<TState>.Format);
        }
    }
}
