using System.Text.Json;
using BetterDns.Registry.Storage;

namespace BetterDns.Auth.Revocation;

/// <summary>
/// <c>&lt;data&gt;/revoked-tokens.json</c>: the revocation list as the CLI writes it and the service reads
/// it. Each change is a read-modify-write under an exclusive lock beside the file (two CLIs at once
/// both land) and an atomic, fsynced replacement (a crash leaves the old list or the new one).
/// </summary>
public static class RevocationFile
{
    public const string FileName = "revoked-tokens.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>The list in <paramref name="path"/>; empty when there is no file. A file that cannot be read throws, naming it.</summary>
    public static RevocationList Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return RevocationList.Empty;
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a revocation list ({e.Message}); fix or restore it, revoked tokens stay refused until then.", e);
        }

        var list = RevocationList.Empty;
        foreach (var token in document?.Tokens ?? [])
        {
            list = list with { TokenIds = list.TokenIds.SetItem(Required(token.Id, path), token.RevokedAt) };
        }

        foreach (var subject in document?.Subjects ?? [])
        {
            list = list with { Subjects = list.Subjects.SetItem(Required(subject.Subject, path), subject.IssuedUpTo) };
        }

        return list;
    }

    /// <summary>Applies <paramref name="change"/> to the list on disk and stores the result durably; returns it.</summary>
    public static RevocationList Update(string path, Func<RevocationList, RevocationList> change)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var exclusive = ExclusiveFileLock.Acquire(path + ".lock");
        var before = Load(path);
        var after = change(before);
        if (!ReferenceEquals(before, after))
        {
            var document = new Document(
                [.. after.TokenIds.Select(pair => new RevokedToken(pair.Key, pair.Value))],
                [.. after.Subjects.Select(pair => new RevokedSubject(pair.Key, pair.Value))]);
            DurableFile.Replace(path, stream => JsonSerializer.Serialize(stream, document, Json));
        }

        return after;
    }

    private static string Required(string? value, string path) =>
        string.IsNullOrEmpty(value)
            ? throw new InvalidDataException($"{path} has an entry without an id or subject; fix or restore it.")
            : value;

    private sealed record Document(RevokedToken[]? Tokens, RevokedSubject[]? Subjects);

    private sealed record RevokedToken(string? Id, DateTimeOffset RevokedAt);

    private sealed record RevokedSubject(string? Subject, DateTimeOffset IssuedUpTo);
}
