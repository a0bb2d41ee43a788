using System.Globalization;
using System.Runtime.CompilerServices;
using CxScoring.Arrow;
using CxScoring.Cli.Input;
using CxScoring.Gaps;
using CxScoring.Journeys.Costs;
using CxScoring.Cli.Terminal;
using CxScoring.Comparisons;
using CxScoring.Model;
using CxScoring.OutcomeFiles;
using CxScoring.Parquet;
using CxScoring.Reports;
using CxScoring.Reports.Html;
using CxScoring.Scorecards;
using NodaTime;

namespace CxScoring.Cli;

/// <summary>
/// The tool's calls into the CxScoring packages, gathered in one place: loading models, reading outcome files,
/// scoring, and writing scorecards, reports and gaps. When a library entry point is renamed, this file changes.
/// </summary>
internal static class CxLibrary
{
    private const int BatchSize = 4096;

    /// <summary>Loads and validates a model file.</summary>
    /// <exception cref="CliException">Thrown with <see cref="ExitCodes.Unreadable"/> when the file does not exist.</exception>
    /// <exception cref="ScoringModelException">Thrown when the model is invalid; it lists every problem.</exception>
    public static ScoringModel LoadModel(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Unreadable, $"the model file '{path}' does not exist.");
        }

        return ScoringModelJson.LoadFile(path);
    }

    public static string Describe(ScoringModel model)
        => $"model '{model.Name}': {model.Touchpoints.Length} touchpoints, {model.Measures.Length} measures, {model.Segments.Length} segments, {model.Promises.Length} promises, {model.Expectations.Length} expectations";

    /// <summary>The states of a valid model that make every outcome of a measure unscorable, one warning each with the measure's JSON path.</summary>
    /// <remarks>A measure with expectations but no promise anywhere: its outcomes are refused as <see cref="RejectionReason.NoPromiseInForce"/>
    /// unless they carry their own promised level (or deadline). A measure with promises but no expectation: its outcomes are refused as
    /// <see cref="RejectionReason.NoExpectation"/>.</remarks>
    public static IEnumerable<string> Warnings(ScoringModel model)
    {
        var promised = model.Promises.Select(p => p.MeasureId).ToHashSet(StringComparer.Ordinal);
        var expected = model.Expectations.Select(e => e.MeasureId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < model.Measures.Length; i++)
        {
            var measure = model.Measures[i];
            var own = measure.Kind == MeasureKind.Deadline ? "its own deadline (promisedBy)" : "its own promisedLevel";
            if (expected.Contains(measure.Id) && !promised.Contains(measure.Id))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"$.measures[{i}] (measure '{measure.Id}'): it has expectations but no promise anywhere, so every outcome of it will be refused as NoPromiseInForce unless the outcome carries {own}; add a promise for it to $.promises.");
            }
            else if (promised.Contains(measure.Id) && !expected.Contains(measure.Id))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"$.measures[{i}] (measure '{measure.Id}'): it has promises but no expectation, so every outcome of it will be refused as NoExpectation; add an expectation for it to $.expectations.");
            }
        }
    }

    public static DateTimeZone FindTimeZone(string id)
        => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
           ?? throw new CliException(ExitCodes.Usage, $"unknown time zone '{id}': use an IANA name such as UTC, Europe/Berlin or America/New_York.");

    /// <summary>Scores the outcomes of every source into one scorecard, and one per touchpoint (for trends); the total is their exact merge. With <paramref name="rows"/>, every outcome given to the engine is kept as a row too (for pricing or a what-if).</summary>
    public static async Task<ScoredInput> ScoreAsync(
        ScoringModel model, IReadOnlyList<OutcomeSource> sources, DateTimeZone zone, char delimiter, InputSummary summary, IProgressSink progress, CancellationToken cancellationToken, OutcomeRows? rows = null)
    {
        var engine = new ScoringEngine(model);
        var options = new ScorecardOptions { TimeZone = zone };
        var partitions = new Dictionary<string, Partition>(StringComparer.Ordinal);
        var unrouted = new Partition(engine.CreateScorecardBuilder(options));
        var columnar = new List<Scorecard>();
        foreach (var source in sources)
        {
            if (source.IsColumnar)
            {
                columnar.Add(await ScoreColumnarAsync(engine, source, options, summary, rows, cancellationToken));
                continue;
            }

            await using var stream = new CountingStream(source.Open());
            progress.Start(source, stream);
            await foreach (var (outcome, position) in ReadAsync(model, source, delimiter, stream, summary, cancellationToken))
            {
                rows?.Add(outcome);
                Partition partition;
                if (!model.TryGetTouchpoint(outcome.TouchpointId, out _))
                {
                    partition = unrouted;
                }
                else if (!partitions.TryGetValue(outcome.TouchpointId, out partition!))
                {
                    partition = new Partition(engine.CreateScorecardBuilder(options));
                    partitions.Add(outcome.TouchpointId, partition);
                }

                if (partition.Add(outcome, position))
                {
                    partition.Flush(engine, model, source, summary);
                }

                progress.Advance();
            }

            unrouted.Flush(engine, model, source, summary);
            foreach (var partition in partitions.Values)
            {
                partition.Flush(engine, model, source, summary);
            }

            progress.Finish();
        }

        var byTouchpoint = partitions.ToDictionary(p => p.Key, p => p.Value.Builder.Build(), StringComparer.Ordinal);
        var total = Scorecard.Merge(byTouchpoint.Values.Prepend(unrouted.Builder.Build()).Concat(columnar));

        // Columnar files are scored whole, not per touchpoint: per-touchpoint trends would leave their outcomes out.
        return new ScoredInput(total, columnar.Count == 0 ? byTouchpoint : new Dictionary<string, Scorecard>(StringComparer.Ordinal));
    }

    /// <summary>Writes the outcomes of a CSV or NDJSON file as an Arrow IPC or Parquet file.</summary>
    public static async Task<OutcomeReadReport> ConvertAsync(string input, string output, OutcomeFormat to, ScoringModel? model, char delimiter, int batchRows, bool dictionaries, CancellationToken cancellationToken)
    {
        var reader = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxErrorsKept = InputSummary.Examples, Model = model, CsvDelimiter = delimiter };
        var options = new ColumnarWriterOptions { BatchRows = batchRows, DictionaryEncoding = dictionaries };
        try
        {
            return to == OutcomeFormat.Parquet
                ? await ParquetOutcomeWriter.WriteFileAsync(input, output, reader, options, cancellationToken)
                : await ArrowOutcomeWriter.WriteFileAsync(input, output, reader, options, cancellationToken);
        }
        catch (MalformedOutcomeException e)
        {
            // With CollectAndContinue only an unusable header throws.
            throw Unreadable(input, e);
        }
        catch (ArgumentException e) when (e.ParamName == "outcomesPath" && e.InnerException is ArgumentException)
        {
            // An outcome the columnar file cannot hold: an instant outside timestamp[ns], which the engine cannot score either.
            throw new CliException(ExitCodes.InvalidInput, $"cannot convert '{input}': {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)} Correct or remove that record (the engine scores instants of the years 1677 to 2262 only) and convert again.");
        }
    }

    /// <summary>The error of an outcome file whose CSV header is unusable: it names the file, and the cx option for a delimiter the header suggests.</summary>
    private static CliException Unreadable(string name, MalformedOutcomeException e)
        => new(ExitCodes.InvalidInput, $"the outcome file '{name}' cannot be read: {e.Record.ToString().Replace("set OutcomeReaderOptions.CsvDelimiter to", "give --delimiter", StringComparison.Ordinal)}");

    /// <summary>Scores an Arrow IPC or Parquet file whole; with <paramref name="rows"/>, on one thread, its rows handed over (customers keyed as those of the other inputs).</summary>
    private static async Task<Scorecard> ScoreColumnarAsync(ScoringEngine engine, OutcomeSource source, ScorecardOptions scorecard, InputSummary summary, OutcomeRows? rows, CancellationToken cancellationToken)
    {
        var options = new FileScoringOptions
        {
            Reader = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxErrorsKept = InputSummary.Examples },
            Scorecard = rows is null ? scorecard : new ScorecardOptions { TimeZone = scorecard.TimeZone, Customers = rows.Customers },
        };
        if (source.Format == OutcomeFormat.Parquet)
        {
            CheckParquetMagic(source.Name);
        }

        var parquet = source.Format == OutcomeFormat.Parquet;
        var result = rows is null
            ? parquet ? await engine.ScoreParquetFileAsync(source.Name, options, cancellationToken) : await engine.ScoreArrowFileAsync(source.Name, options, cancellationToken)
            : parquet ? await engine.ScoreParquetFileWithRowsAsync(source.Name, rows.Add, options, cancellationToken) : await engine.ScoreArrowFileWithRowsAsync(source.Name, rows.Add, options, cancellationToken);
        rows?.AddSkipped(result.Scorecard.RejectedBy(RejectionReason.InstantOutOfRange));
        summary.WarnIfEmpty(source.Name, result.Report.Records);
        summary.AddSource(result.Report.Records, result.Report.Malformed, result.Report.Errors.Select(e =>
            e.Field is null
                ? string.Create(CultureInfo.InvariantCulture, $"{source.Name}, row {e.Line}: {e.Message}")
                : string.Create(CultureInfo.InvariantCulture, $"{source.Name}, row {e.Line}, field '{e.Field}': {e.Message}")));
        var reasons = Enum.GetValues<RejectionReason>()
            .Select(reason => (Reason: reason, Count: result.Scorecard.RejectedBy(reason)))
            .Where(r => r.Count > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{source.Name}: {r.Count:N0} refused: {r.Reason}"));
        summary.AddRefused(result.Rejected, reasons.ToList());
        return result.Scorecard;
    }

    /// <summary>Refuses a file read as Parquet that does not start and end with Parquet's magic bytes, saying what it may be instead.</summary>
    private static void CheckParquetMagic(string path)
    {
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[4];
        using (var file = File.OpenRead(path))
        {
            if (file.Length >= 12)
            {
                file.ReadExactly(head);
                file.Seek(-4, SeekOrigin.End);
                file.ReadExactly(tail);
                if (head.SequenceEqual("PAR1"u8) && tail.SequenceEqual("PAR1"u8))
                {
                    return;
                }
            }
        }

        throw new CliException(ExitCodes.InvalidInput, $"'{path}' is not a Parquet file (it does not start and end with the bytes PAR1); if it is CSV or NDJSON, say --format csv or --format ndjson.");
    }

    /// <summary>Scores each outcome on its own and writes its gaps (or refusal) as one NDJSON line.</summary>
    public static async Task WriteGapsAsync(
        ScoringModel model, IReadOnlyList<OutcomeSource> sources, char delimiter, Stream output, InputSummary summary, IProgressSink progress, CancellationToken cancellationToken)
    {
        await using var writer = new GapResultNdjsonWriter(output);
        foreach (var source in sources)
        {
            await using var stream = new CountingStream(source.Open());
            progress.Start(source, stream);
            await foreach (var (outcome, position) in ReadAsync(model, source, delimiter, stream, summary, cancellationToken))
            {
                bool scored;
                try
                {
                    scored = model.TryScore(outcome, out var result, out var reason);
                    if (scored)
                    {
                        writer.Write(outcome, result);
                    }
                    else
                    {
                        writer.WriteRejection(outcome, reason, model.DescribeRejection(outcome, reason));
                    }
                }
                catch (ArgumentException e)
                {
                    summary.AddRefused(() => $"{source.Name}, {position}: {e.Message}");
                    continue;
                }

                if (!scored)
                {
                    var current = outcome;
                    summary.AddRefused(() =>
                    {
                        model.TryScore(current, out _, out var reason);
                        return $"{source.Name}, {position}: {reason}: {model.DescribeRejection(current, reason)}";
                    });
                }

                progress.Advance();
            }

            progress.Finish();
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static void WriteJson(Scorecard scorecard, string path)
    {
        using var file = File.Create(path);
        ScorecardJsonWriter.Write(scorecard, file);
    }

    public static void WriteHtml(ScoredInput input, string path, IReadOnlyList<string> notes, ComparisonReport? comparison = null, string? comparisonDescription = null, NonComplianceCostReport? costs = null, NonComplianceCostReport? comparisonCosts = null, int maxCostChanges = 5)
    {
        using var file = File.Create(path);
        ScorecardHtmlWriter.Write(input.Scorecard, file, new ScorecardHtmlOptions
        {
            TouchpointScorecards = input.ByTouchpoint,
            Notes = notes,
            Comparison = comparison,
            ComparisonDescription = comparisonDescription,
            Costs = costs,
            ComparisonCosts = comparisonCosts,
            MaxCostChanges = maxCostChanges,
        });
    }

    /// <summary>Writes the telecom demo: its model file and generated outcomes (with a few malformed and unscorable records on purpose).</summary>
    public static long WriteDemo(string folder, int customers, int seed)
    {
        Directory.CreateDirectory(folder);
        using (var model = typeof(CxLibrary).Assembly.GetManifestResourceStream("CxScoring.Cli.Demo.model.json")!)
        using (var file = File.Create(Path.Combine(folder, "model.json")))
        {
            model.CopyTo(file);
        }

        using var outcomes = File.Create(Path.Combine(folder, "outcomes.ndjson"));
        return TelecomDemo.TelecomDemoData.WriteNdjson(outcomes, customers, seed, includeFaults: true);
    }

    /// <summary>Reads the outcomes of a CSV or NDJSON source with their positions; plain numbers of time measures are read in the model's units.</summary>
    private static async IAsyncEnumerable<(Outcome Outcome, string Position)> ReadAsync(
        ScoringModel model, OutcomeSource source, char delimiter, Stream stream, InputSummary summary, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (source.IsColumnar)
        {
            throw new CliException(ExitCodes.Usage, $"'{source.Name}' is {source.Format}: this command reads CSV or NDJSON outcomes one by one; cx score, cx compare and cx what-if read Arrow and Parquet files.");
        }

        var options = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxErrorsKept = InputSummary.Examples, Model = model, CsvDelimiter = delimiter };
        OutcomeReadReport report;
        IAsyncEnumerable<Outcome> outcomes;
        Func<string> position;
        StreamReader? text = null;
        if (source.Format == OutcomeFormat.Csv)
        {
            text = new StreamReader(stream);
            var reader = new CsvOutcomeReader(text, options);
            (report, outcomes) = (reader.Report, reader.ReadAllAsync(cancellationToken));
            position = () => $"line {reader.Line}";
        }
        else
        {
            var reader = new NdjsonOutcomeReader(stream, options);
            (report, outcomes) = (reader.Report, reader.ReadAllAsync(cancellationToken));
            position = () => $"line {reader.Report.Records + reader.Report.BlankLines}";
        }

        try
        {
            await using var enumerator = outcomes.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (MalformedOutcomeException e)
                {
                    // With CollectAndContinue only an unusable header throws.
                    throw Unreadable(source.Name, e);
                }

                yield return (enumerator.Current, position());
            }
        }
        finally
        {
            summary.AddSource(report.Records, report.Malformed, report.Errors.Select(e => $"{source.Name}, {e}"));
            summary.WarnIfEmpty(source.Name, report.Records);
            text?.Dispose();
        }
    }

    /// <summary>The outcomes of one touchpoint (or of unknown touchpoints), scored in batches into their own scorecard.</summary>
    private sealed class Partition(ScorecardBuilder builder)
    {
        private readonly Outcome[] _outcomes = new Outcome[BatchSize];
        private readonly string[] _positions = new string[BatchSize];
        private int _count;

        public ScorecardBuilder Builder { get; } = builder;

        public bool Add(in Outcome outcome, string position)
        {
            _outcomes[_count] = outcome;
            _positions[_count] = position;
            return ++_count == BatchSize;
        }

        public void Flush(ScoringEngine engine, ScoringModel model, OutcomeSource source, InputSummary summary)
        {
            if (_count == 0)
            {
                return;
            }

            var outcomes = _outcomes;
            var positions = _positions;
            engine.ScoreOutcomes(outcomes.AsSpan(0, _count), Builder, (index, reason) =>
                summary.AddRefused(() => $"{source.Name}, {positions[index]}: {reason}: {model.DescribeRejection(outcomes[index], reason)}"));
            _count = 0;
        }
    }
}

/// <summary>The scorecard of all outcomes, and one per touchpoint (each with that touchpoint's outcomes alone).</summary>
internal sealed record ScoredInput(Scorecard Scorecard, IReadOnlyDictionary<string, Scorecard> ByTouchpoint);
