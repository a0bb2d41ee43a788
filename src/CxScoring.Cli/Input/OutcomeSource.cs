namespace CxScoring.Cli.Input;

/// <summary>The format of an outcome file.</summary>
internal enum OutcomeFormat
{
    Ndjson,
    Csv,
    Arrow,
    Parquet,
}

/// <summary>One outcome input: a file, or standard input for <c>-</c>; its format, from <c>--format</c> or the file's extension.</summary>
internal sealed class OutcomeSource
{
    private OutcomeSource(string name, OutcomeFormat format, bool isStandardInput)
    {
        Name = name;
        Format = format;
        IsStandardInput = isStandardInput;
    }

    public string Name { get; }

    public OutcomeFormat Format { get; }

    public bool IsStandardInput { get; }

    /// <summary>Gets a value indicating whether the source is a columnar file (Arrow IPC, Parquet), scored by the engine's columnar path.</summary>
    public bool IsColumnar => Format is OutcomeFormat.Arrow or OutcomeFormat.Parquet;

    /// <summary>Gets the file's length in bytes, or <see langword="null"/> for standard input.</summary>
    public long? Length => IsStandardInput ? null : new FileInfo(Name).Length;

    public static IReadOnlyList<OutcomeSource> Resolve(IReadOnlyList<string> paths, string? format)
    {
        var sources = new List<OutcomeSource>(paths.Count);
        foreach (var path in paths)
        {
            var standardInput = path == "-";
            var resolved = format is { } given ? Parse(given) : standardInput ? throw new CliException(ExitCodes.Usage, "reading outcomes from standard input ('-') needs --format csv or --format ndjson.") : FromExtension(path);
            if (!standardInput && !File.Exists(path))
            {
                throw new CliException(ExitCodes.Unreadable, $"the outcome file '{path}' does not exist.");
            }

            if (standardInput && resolved is OutcomeFormat.Arrow or OutcomeFormat.Parquet)
            {
                throw new CliException(ExitCodes.Usage, "Arrow and Parquet outcomes are read from files, not from standard input ('-').");
            }

            sources.Add(new OutcomeSource(standardInput ? "standard input" : path, resolved, standardInput));
        }

        if (sources.Count(s => s.IsStandardInput) > 1)
        {
            throw new CliException(ExitCodes.Usage, "standard input ('-') can be read once only.");
        }

        return sources;
    }

    public Stream Open() => IsStandardInput
        ? Console.OpenStandardInput()
        : new FileStream(Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);

    private static OutcomeFormat Parse(string format) => format.ToLowerInvariant() switch
    {
        "ndjson" or "jsonl" => OutcomeFormat.Ndjson,
        "csv" => OutcomeFormat.Csv,
        "arrow" => OutcomeFormat.Arrow,
        "parquet" => OutcomeFormat.Parquet,
        _ => throw new CliException(ExitCodes.Usage, $"unknown format '{format}': use csv, ndjson, arrow or parquet."),
    };

    /// <summary>The format of a file from its extension, or <see langword="null"/> when the extension is not one of them.</summary>
    public static OutcomeFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ndjson" or ".jsonl" or ".json" => OutcomeFormat.Ndjson,
        ".csv" => OutcomeFormat.Csv,
        ".arrow" or ".arrows" or ".feather" => OutcomeFormat.Arrow,
        ".parquet" => OutcomeFormat.Parquet,
        _ => null,
    };

    private static OutcomeFormat FromExtension(string path)
        => FormatOf(path) ?? throw new CliException(ExitCodes.Usage, $"cannot tell the format of '{path}' from its extension '{Path.GetExtension(path)}': name it .csv, .ndjson, .arrow or .parquet, or say --format csv|ndjson|arrow|parquet.");
}

/// <summary>A read-only stream that counts the bytes read through it, for progress.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _read;

    public long BytesRead => Interlocked.Read(ref _read);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        Interlocked.Add(ref _read, read);
        return read;
    }
}
