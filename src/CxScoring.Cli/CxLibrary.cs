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


    public static DateTimeZone FindTimeZone(string id)
        => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
           ?? throw new CliException(ExitCodes.Usage, $"unknown time zone '{id}': use an IANA name such as UTC, Europe/Berlin or America/New_York.");

    /// <summary>Scores the outcomes of every source into one scorecard, and one per touchpoint (for trends); the total is their exact merge.</summary>
    public static async Task<ScoredInput> ScoreAsync(
        ScoringModel model, IReadOnlyList<OutcomeSource> sources, DateTimeZone zone, InputSummary summary, IProgressSink progress, CancellationToken cancellationToken, Action<Outcome>? observe = null)
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
                columnar.Add(await ScoreColumnarAsync(engine, source, options, summary, cancellationToken));
                continue;
            }

            await using var stream = new CountingStream(source.Open());
            progress.Start(source, stream);
            await foreach (var (outcome, position) in ReadAsync(source, stream, summary, cancellationToken))
            {
                observe?.Invoke(outcome);
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
    public static Task<OutcomeReadReport> ConvertAsync(string input, string output, OutcomeFormat to, ScoringModel? model, int batchRows, bool dictionaries, CancellationToken cancellationToken)
    {
        var reader = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxErrorsKept = InputSummary.Examples, Model = model };
        var options = new ColumnarWriterOptions { BatchRows = batchRows, DictionaryEncoding = dictionaries };
        return to == OutcomeFormat.Parquet
            ? ParquetOutcomeWriter.WriteFileAsync(input, output, reader, options, cancellationToken)
            : ArrowOutcomeWriter.WriteFileAsync(input, output, reader, options, cancellationToken);
    }

    private static async Task<Scorecard> ScoreColumnarAsync(ScoringEngine engine, OutcomeSource source, ScorecardOptions scorecard, InputSummary summary, CancellationToken cancellationToken)
    {
        var options = new FileScoringOptions
        {
            Reader = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxErrorsKept = InputSummary.Examples },
            Scorecard = scorecard,
        };
        var result = source.Format == OutcomeFormat.Parquet
            ? await engine.ScoreParquetFileAsync(source.Name, options, cancellationToken)
            : await engine.ScoreArrowFileAsync(source.Name, options, cancellationToken);
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

    /// <summary>Scores each outcome on its own and writes its gaps (or refusal) as one NDJSON line.</summary>
    public static async Task WriteGapsAsync(
        ScoringModel model, IReadOnlyList<OutcomeSource> sources, Stream output, InputSummary summary, IProgressSink progress, CancellationToken cancellationToken)
    {
        await using var writer = new GapResultNdjsonWriter(output);
        foreach (var source in sources)
        {
            await using var stream = new CountingStream(source.Open());
            progress.Start(source, stream);
            await foreach (var (outcome, position) in ReadAsync(source, stream, summary, cancellationToken))
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

    public static void WriteHtml(ScoredInput input, string path, IReadOnlyList<string> notes, ComparisonReport? comparison = null, string? comparisonDescription = null, NonComplianceCostReport? costs = null)
    {
        using var file = File.Create(path);
        ScorecardHtmlWriter.Write(input.Scorecard, file, new ScorecardHtmlOptions
        {
            TouchpointScorecards = input.ByTouchpoint,
            Notes = notes,
            Comparison = comparison,
            ComparisonDescription = comparisonDescription,
            Costs = costs,
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

    private static async IAsyncEnumerable<(Outcome Outcome, string Position)> ReadAsync(
        OutcomeSource source, Stream stream, InputSummary summary, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (source.IsColumnar)
        {
            throw new CliException(ExitCodes.Usage, $"'{source.Name}' is {source.Format}: this command reads CSV or NDJSON outcomes one by one; cx score and cx compare read Arrow and Parquet files.");
        }

        var options = new OutcomeReaderOptions { Policy = MalformedRecordPolicy.CollectAndContinue, MaxErrorsKept = InputSummary.Examples };
        OutcomeReadReport report;
        IAsyncEnumerable<Outcome> outcomes;
        Func<string> position;
        StreamReader? text = null;
        if (source.Format == OutcomeFormat.Csv)
        {
            text = new StreamReader(stream);
            var reader = new CsvOutcomeReader(text, options);
            (report, outcomes) = (reader.Report, reader.ReadAllAsync(cancellationToken));
            position = () => $"record {reader.Report.Records}";
        }
        else
        {
            var reader = new NdjsonOutcomeReader(stream, options);
            (report, outcomes) = (reader.Report, reader.ReadAllAsync(cancellationToken));
            position = () => $"line {reader.Report.Records + reader.Report.BlankLines}";
        }

        try
        {
            await foreach (var outcome in outcomes)
            {
                yield return (outcome, position());
            }
        }
        finally
        {
            summary.AddSource(report.Records, report.Malformed, report.Errors.Select(e => $"{source.Name}, {e}"));
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
