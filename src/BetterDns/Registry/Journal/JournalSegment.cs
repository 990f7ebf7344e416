namespace BetterDns.Registry.Journal;

/// <summary>
/// The journal segment the writer appends to. Each append is one frame followed by an fsync; a
/// failed append truncates back to the last good length when it can, and the writer then moves on
/// to a fresh segment whose header records that length, so garbage is never read as data.
/// </summary>
internal sealed class JournalSegment : IDisposable
{
    private readonly FileStream _stream;

    private JournalSegment(long number, string path, FileStream stream)
    {
        Number = number;
        Path = path;
        _stream = stream;
    }

    public long Number { get; }

    public string Path { get; }

    /// <summary>Bytes known to be whole frames on disk.</summary>
    public long ValidLength { get; private set; }

    /// <summary>Creates segment <paramref name="number"/> with its header, durably (file and directory entry).</summary>
    public static JournalSegment Create(string directory, long number, long previousNumber, long previousValidLength)
    {
        var path = JournalFiles.SegmentPath(directory, number);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var segment = new JournalSegment(number, path, stream);
        try
        {
            segment.Append(JournalCodec.EncodeHeader(previousNumber, previousValidLength));
            Storage.DurableFile.SyncDirectory(directory);
            return segment;
        }
        catch
        {
            segment.Dispose();
            Storage.DurableFile.TryDelete(path);
            throw;
        }
    }

    /// <summary>Writes one frame and fsyncs it. On failure the frame must be treated as not written.</summary>
    public void Append(ReadOnlySpan<byte> frame)
    {
        try
        {
            _stream.Write(frame);
            _stream.Flush(flushToDisk: true);
            ValidLength += frame.Length;
        }
        catch
        {
            TryTruncate();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Closing after a failed write can fail again; every acknowledged frame was already fsynced.
        }
    }

    private void TryTruncate()
    {
        try
        {
            _stream.SetLength(ValidLength);
            _stream.Position = ValidLength;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next segment's header records ValidLength, so replay ignores what lies beyond it.
        }
    }
}
