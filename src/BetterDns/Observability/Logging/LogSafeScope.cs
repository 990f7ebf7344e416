using System.Collections;

namespace BetterDns.Observability.Logging;

/// <summary>
/// A logging scope as providers see it (the request path of ASP.NET's hosting scope is client text):
/// its properties escaped like an entry's, its text escaped. Scopes that are not property lists stay plain objects.
/// </summary>
internal class LogSafeScope(object scope)
{
    private static readonly IReadOnlyList<KeyValuePair<string, object?>> NoProperties = [];

    public static object Of<TState>(TState state) where TState : notnull =>
        state is IEnumerable<KeyValuePair<string, object?>> ? new Properties(state) : new LogSafeScope(state);

    public override string ToString() => LogText.Escape(scope.ToString() ?? "");

    internal static IReadOnlyList<KeyValuePair<string, object?>> PropertiesOf(object? state) => state switch
    {
        IReadOnlyList<KeyValuePair<string, object?>> list => list,
        IEnumerable<KeyValuePair<string, object?>> pairs => [.. pairs],
        _ => NoProperties,
    };

    internal static KeyValuePair<string, object?> Safe(KeyValuePair<string, object?> property) =>
        new(LogText.Escape(property.Key), LogText.Value(property.Value));

    /// <summary>A scope that is a property list (what JSON formatters write as fields) stays one.</summary>
    private sealed class Properties(object scope) : LogSafeScope(scope), IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly IReadOnlyList<KeyValuePair<string, object?>> _properties = PropertiesOf(scope);

        public int Count => _properties.Count;

        public KeyValuePair<string, object?> this[int index] => Safe(_properties[index]);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
