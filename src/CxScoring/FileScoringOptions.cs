using CxScoring.OutcomeFiles;
using CxScoring.Scorecards;
using CxScoring.Validation;

namespace CxScoring;

/// <summary>How <see cref="ScoringEngine.ScoreFileAsync(string, FileScoringOptions?, CancellationToken)"/> reads and scores an outcome file.</summary>
/// <remarks>The properties are init-only, so an instance is thread-safe to share.</remarks>
public sealed class FileScoringOptions
{
    private readonly int _chunkBytes = 4 * 1024 * 1024;
    private readonly int? _maxDegreeOfParallelism;

    /// <summary>Gets the options used when none are given.</summary>
    public static FileScoringOptions Default { get; } = new();

    /// <summary>Gets the file's format.</summary>
    /// <value>The default value is <see langword="null"/>: from the file name's extension (<c>.csv</c>, <c>.ndjson</c> or <c>.jsonl</c>).</value>
    public OutcomeFileFormat? Format { get; init; }

    /// <summary>Gets how records are read: the malformed-record policy, the CSV delimiter, the length limit.</summary>
    /// <value>The default value collects malformed records and goes on (<see cref="MalformedRecordPolicy.CollectAndContinue"/>), with the other defaults of <see cref="OutcomeReaderOptions"/>.</value>
    public OutcomeReaderOptions Reader { get; init; } = new() { Policy = MalformedRecordPolicy.CollectAndContinue };

    /// <summary>Gets the calendar and customer options of the scorecard.</summary>
    /// <value>The default value is <see langword="null"/>: the defaults of <see cref="ScorecardOptions"/>.</value>
    public ScorecardOptions? Scorecard { get; init; }

    /// <summary>Gets the most threads that parse and score chunks of the file at once.</summary>
    /// <value>The default value is <see langword="null"/>: the engine's <see cref="ScoringEngine.MaxDegreeOfParallelism"/>. Per-customer scorecards always read on one thread, so that customers are numbered in file order.</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to less than 1.</exception>
    public int? MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value;
    }

    /// <summary>Gets the size of the chunks the file is read in; each thread parses one chunk at a time, and memory stays near (threads + 1) × this size (more only for a CSV record longer than a chunk, and for NDJSON the copied ends of lines cut by chunk ends, each at most <see cref="OutcomeReaderOptions.MaxRecordLength"/> + 1 bytes).</summary>
    /// <value>The default value is 4 MiB (4,194,304 bytes).</value>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when set to less than 16 bytes.</exception>
    public int ChunkBytes
    {
        get => _chunkBytes;
        init => _chunkBytes = value;
    }

    /// <summary>Checks every property; called by the entry points before they read them.</summary>
    /// <param name="parameterName">The entry point's options parameter.</param>
    /// <exception cref="ArgumentException">Thrown (with <paramref name="parameterName"/>) when a property is invalid; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        if (Format is { } format)
        {
            OptionsRules.Defined(format, "FileScoringOptions.Format", parameterName);
        }

        OptionsRules.NotNull(Reader, "FileScoringOptions.Reader", parameterName);
        Reader.Validate(parameterName);
        Scorecard?.Validate(parameterName);
        if (MaxDegreeOfParallelism is { } threads)
        {
            OptionsRules.InRange(threads, 1, int.MaxValue, "FileScoringOptions.MaxDegreeOfParallelism", parameterName);
        }

        OptionsRules.InRange(ChunkBytes, 16, int.MaxValue, "FileScoringOptions.ChunkBytes", parameterName);
    }
}
