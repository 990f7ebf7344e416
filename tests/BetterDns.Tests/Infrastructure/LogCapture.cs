using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BetterDns.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every entry as a provider receives it: the rendered message, the
/// structured properties and the scopes around it (rendered as a console formatter would write them); the first 100,000.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    // Enough for any test that reads the log; a long-running load test does not grow without end.
    private const int MaxEntries = 100_000;

    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Properties, IReadOnlyList<string> Scopes)
    {
        /// <summary>Everything a text formatter could write for this entry: message, property values and scopes.</summary>
        public string AllText => string.Join(" | ", [Message, .. Properties.Select(p => $"{p.Key}={p.Value}"), .. Scopes]);
    }

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            capture._scopes.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
                {
                    list.AddRange(properties.Select(p => $"{p.Key}={p.Value}"));
                }
            }, scopes);
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToList() : [];
            if (capture.Entries.Count >= MaxEntries)
            {
                return;
            }

            capture.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), properties, scopes));
        }
    }
}
