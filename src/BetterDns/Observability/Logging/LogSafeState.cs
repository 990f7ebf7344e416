using System.Collections;

namespace BetterDns.Observability.Logging;

/// <summary>
/// A log entry's state as providers see it: the same properties with <see cref="LogText.Value"/> applied
/// and the message escaped, so neither a structured field nor the rendered line carries a raw control character.
/// </summary>
internal sealed class LogSafeState<TState>(TState state, Func<TState, Exception?, string> formatter) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly IReadOnlyList<KeyValuePair<string, object?>> _properties = LogSafeScope.PropertiesOf(state);

    public static readonly Func<LogSafeState<TState>, Exception?, string> Format = static (safe, exception) => safe.Message(exception);

    public int Count => _properties.Count;

    public KeyValuePair<string, object?> this[int index] => LogSafeScope.Safe(_properties[index]);

    public string Message(Exception? exception) => LogText.Escape(formatter(state, exception));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message(null);
}
