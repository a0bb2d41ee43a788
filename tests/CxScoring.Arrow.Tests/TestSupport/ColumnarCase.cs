using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using CxScoring.Scorecards;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.Arrow.Tests.TestSupport;

/// <summary>One row of a columnar outcome file as the file holds it: any field may be null (a null number or instant is absent, a null or empty id is missing).</summary>
public sealed record ColumnarRow(
    string? Customer,
    string? Touchpoint,
    string? Measure,
    double? Value,
    long? ObservedAt,
    string? Segment,
    double? PromisedLevel,
    long? PromisedBy,
    long? RequestedAt);

/// <summary>
/// Rows with every kind of fault the file path knows (one per faulty row: a missing id, a null or non-finite value
/// without a deadline, a null instant), identifiers the model does not know, deadline records, own promised levels,
/// and how to lay them out: batch size, dictionary or plain string columns, threads, per-customer scorecards.
/// </summary>
public sealed record ColumnarCase(ColumnarRow[] Rows, int BatchRows, bool Dictionary, int Threads, bool ByCustomer, int Seed)
{
    private static readonly string[] Touchpoints = ["web-order", "chat-help", "phone-help", "install", "bill", "store"];
    private static readonly string[] Measures = ["wait", "fcr", "transfers", "accuracy", "csat", "amount", "delivery"];
    private static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);

    /// <summary>Every index type the reader accepts for a dictionary column (docs/columnar-format.md, Columns).</summary>
    public static readonly IArrowType[] IndexTypes =
        [Int8Type.Default, Int16Type.Default, Int32Type.Default, Int64Type.Default, UInt8Type.Default, UInt16Type.Default, UInt32Type.Default];

    /// <summary>Gets the index type of the dictionary columns (int32 unless set).</summary>
    public IArrowType Indices { get; init; } = Int32Type.Default;

    /// <summary>The rows as a CSV file (empty fields for nulls), scored by the engine's CSV path as the reference.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("customer,touchpoint,measure,value,observedAt,segment,promisedLevel,promisedBy,requestedAt\n");
        foreach (var r in Rows)
        {
            text.Append(r.Customer).Append(',').Append(r.Touchpoint).Append(',').Append(r.Measure).Append(',')
                .Append(Number(r.Value)).Append(',').Append(Time(r.ObservedAt)).Append(',').Append(r.Segment).Append(',')
                .Append(Number(r.PromisedLevel)).Append(',').Append(Time(r.PromisedBy)).Append(',').Append(Time(r.RequestedAt)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The rows as record batches of <see cref="BatchRows"/>, built with Arrow's own builders (not the package's writer).</summary>
    public IEnumerable<RecordBatch> ToBatches()
    {
        var ids = Dictionary ? new DictionaryType(Indices, StringType.Default, false) : (IArrowType)StringType.Default;
        var instants = new TimestampType(Apache.Arrow.Types.TimeUnit.Nanosecond, "UTC");
        var schema = new Schema.Builder()
            .Field(f => f.Name("customer").DataType(ids))
            .Field(f => f.Name("touchpoint").DataType(ids))
            .Field(f => f.Name("measure").DataType(ids))
            .Field(f => f.Name("value").DataType(DoubleType.Default))
            .Field(f => f.Name("observedAt").DataType(instants))
            .Field(f => f.Name("segment").DataType(ids))
            .Field(f => f.Name("promisedLevel").DataType(DoubleType.Default))
            .Field(f => f.Name("promisedBy").DataType(instants))
            .Field(f => f.Name("requestedAt").DataType(instants))
            .Build();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in Rows)
        {
            foreach (var id in new[] { r.Customer, r.Touchpoint, r.Measure, r.Segment })
            {
                if (id is not null)
                {
                    vocabulary.TryAdd(id, vocabulary.Count);
                }
            }
        }

        // One dictionary for the whole file, as the IPC file format requires.
        var dictionary = new StringArray.Builder().AppendRange(vocabulary.OrderBy(p => p.Value).Select(p => p.Key)).Build();
        for (var start = 0; start < Rows.Length; start += BatchRows)
        {
            var rows = Rows.AsSpan(start, Math.Min(BatchRows, Rows.Length - start)).ToArray();
            IArrowArray Ids(Func<ColumnarRow, string?> id)
            {
                if (!Dictionary)
                {
                    var plain = new StringArray.Builder();
                    foreach (var r in rows)
                    {
                        if (id(r) is { } s)
                        {
                            plain.Append(s);
                        }
                        else
                        {
                            plain.AppendNull();
                        }
                    }

                    return plain.Build();
                }

                var indices = new Int32Array.Builder();
                foreach (var r in rows)
                {
                    indices.Append(id(r) is { } s ? vocabulary[s] : null);
                }

                return new DictionaryArray((DictionaryType)ids, IndicesOf(indices.Build()), dictionary);
            }

            IArrowArray Numbers(Func<ColumnarRow, double?> number)
            {
                var builder = new DoubleArray.Builder();
                foreach (var r in rows)
                {
                    builder.Append(number(r));
                }

                return builder.Build();
            }

            IArrowArray Times(Func<ColumnarRow, long?> time)
            {
                var builder = new Int64Array.Builder();
                foreach (var r in rows)
                {
                    builder.Append(time(r));
                }

                var raw = builder.Build();
                return new TimestampArray(new ArrayData(instants, raw.Length, raw.NullCount, 0, raw.Data.Buffers));
            }

            yield return new RecordBatch(
                schema,
                [
                    Ids(r => r.Customer), Ids(r => r.Touchpoint), Ids(r => r.Measure), Numbers(r => r.Value), Times(r => r.ObservedAt),
                    Ids(r => r.Segment), Numbers(r => r.PromisedLevel), Times(r => r.PromisedBy), Times(r => r.RequestedAt),
                ],
                rows.Length);
        }
    }

    /// <summary>
    /// The same rows without per-outcome promises or request instants (a deadline record keeps a value), as most files
    /// hold them: batches without a faulty row are then scored from the batch's own buffers, the others row by row.
    /// </summary>
    public ColumnarCase WithoutOwnPromises()
        => this with
        {
            Rows = System.Array.ConvertAll(Rows, r => r with
            {
                Value = r.PromisedBy is not null || r.RequestedAt is not null ? r.Value ?? 1 : r.Value,
                PromisedLevel = r.PromisedLevel is { } level && !double.IsFinite(level) ? level : null,
                PromisedBy = null,
                RequestedAt = null,
            }),
        };

    public override string ToString()
        => $"seed {Seed}: {Rows.Length} rows in batches of {BatchRows}, {(Dictionary ? $"dictionary<{Indices.Name}>" : "plain")} ids, {Threads} thread(s){(ByCustomer ? ", per customer" : "")}";

    internal static Arbitrary<ColumnarCase> Arbitrary()
        => Arb.From(
            from seed in Gen.Choose(0, int.MaxValue - 1)
            from rows in Gen.Choose(0, 2500)
            from batchRows in Gen.Frequency((3, Gen.Choose(1, 300)), (1, Gen.Choose(300, 9000)))
            from dictionary in Gen.Elements(true, false)
            from threads in Gen.Choose(1, 3)
            from byCustomer in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new ColumnarCase(RowsOf(seed, rows), batchRows, dictionary, threads, byCustomer, seed));

    /// <summary>The indices as an array of <see cref="Indices"/>, nulls kept.</summary>
    private IArrowArray IndicesOf(Int32Array indices)
    {
        TArray Build<T, TArray, TBuilder>(PrimitiveArrayBuilder<T, TArray, TBuilder> builder, Func<int, T> convert)
            where T : struct
            where TArray : IArrowArray
            where TBuilder : class, IArrowArrayBuilder<TArray>
        {
            for (var i = 0; i < indices.Length; i++)
            {
                builder.Append(indices.GetValue(i) is { } index ? convert(index) : null);
            }

            return builder.Build();
        }

        return Indices switch
        {
            Int8Type => Build(new Int8Array.Builder(), i => checked((sbyte)i)),
            Int16Type => Build(new Int16Array.Builder(), i => checked((short)i)),
            Int32Type => indices,
            Int64Type => Build(new Int64Array.Builder(), i => (long)i),
            UInt8Type => Build(new UInt8Array.Builder(), i => checked((byte)i)),
            UInt16Type => Build(new UInt16Array.Builder(), i => checked((ushort)i)),
            UInt32Type => Build(new UInt32Array.Builder(), i => checked((uint)i)),
            _ => throw new InvalidOperationException($"Not an index type the reader accepts: {Indices}."),
        };
    }

    private static ColumnarRow[] RowsOf(int seed, int count)
    {
        var random = new Random(seed);
        var rows = new ColumnarRow[count];
        for (var i = 0; i < count; i++)
        {
            var touchpoint = random.Next(50) == 0 ? "nowhere" : Touchpoints[random.Next(Touchpoints.Length)];
            var measure = random.Next(50) == 0 ? "nothing" : Measures[random.Next(Measures.Length)];
            var segment = random.Next(40) == 0 ? "martians" : random.Next(4) switch { 0 => null, 1 => "", 2 => "business", _ => "consumer" };
            var observed = Start + Duration.FromSeconds(random.NextInt64(0, 2L * 365 * 86400)) + Duration.FromNanoseconds(random.Next(1_000_000_000));
            double? value = EngineTestData.ValueOf(measure, random);
            if (random.Next(60) == 0)
            {
                value = -7;
            }

            double? level = random.Next(8) == 0 ? random.NextDouble() * 3 : null;
            long? promisedBy = measure == "delivery" && random.Next(3) == 0 ? Nanoseconds(observed + Duration.FromHours(random.Next(-48, 48))) : null;
            long? requestedAt = random.Next(3) == 0 ? Nanoseconds(observed - Duration.FromHours(random.Next(1, 72))) : null;
            if (promisedBy is not null && random.Next(2) == 0)
            {
                value = null;
            }

            var row = new ColumnarRow("c" + random.Next(60), touchpoint, measure, value, Nanoseconds(observed), segment, level, promisedBy, requestedAt);
            rows[i] = random.Next(25) != 0 ? row : random.Next(8) switch
            {
                0 => row with { Customer = null },
                1 => row with { Touchpoint = random.Next(2) == 0 ? null : "" },
                2 => row with { Measure = null },
                3 => row with { ObservedAt = null },
                4 => row with { Value = null, PromisedBy = null, RequestedAt = null },
                5 => row with { Value = random.Next(2) == 0 ? double.NaN : double.NegativeInfinity },
                6 => row with { Customer = "" },
                _ => row with { PromisedLevel = double.PositiveInfinity },
            };
        }

        return rows;
    }

    private static long Nanoseconds(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Time(long? nanoseconds)
        => nanoseconds is { } ns ? InstantPattern.ExtendedIso.Format(NodaConstants.UnixEpoch + Duration.FromNanoseconds(ns)) : string.Empty;
}

/// <summary>The arbitraries of the columnar tests.</summary>
public static class ColumnarArbitraries
{
    public static Arbitrary<ColumnarCase> Cases() => ColumnarCase.Arbitrary();
}

/// <summary>Temporary files, removed when disposed.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cxscoring-columnar-").FullName;

    public string Path(string name) => System.IO.Path.Combine(_folder, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>The workers' buffer pools, left as a careless earlier user could leave them.</summary>
public static class PooledBuffers
{
    /// <summary>
    /// Puts two arrays of every pooled size up to 4 MiB, filled with garbage, in each pool of <see cref="WorkerBuffers"/>,
    /// so that the next buffers rented hold garbage; the pools are held as a call holds them until the result is
    /// disposed, so that their idle timer does not let go of the garbage before the call that should meet it.
    /// </summary>
    /// <returns>The hold on the pools.</returns>
    public static IDisposable Poison()
    {
        WorkerBuffers.Enter();
        for (var length = 16; length <= 1 << 22; length *= 2)
        {
            var bytes = new[] { WorkerBuffers.Bytes.Rent(length), WorkerBuffers.Bytes.Rent(length) };
            var ints = new[] { WorkerBuffers.Ints.Rent(length / 4), WorkerBuffers.Ints.Rent(length / 4) };
            foreach (var array in bytes)
            {
                array.AsSpan().Fill(0xA5);
                WorkerBuffers.Bytes.Return(array);
            }

            foreach (var array in ints)
            {
                array.AsSpan().Fill(-0x5A5A5A5B);
                WorkerBuffers.Ints.Return(array);
            }
        }

        return new Hold();
    }

    private sealed class Hold : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                WorkerBuffers.Exit();
            }
        }
    }
}

/// <summary>The assertions that a columnar file scored as its CSV on the same rows.</summary>
public static class ColumnarAssert
{
    /// <summary>The same scorecard, bit for bit, and the same accounting: records, read, malformed, each malformed row with its field.</summary>
    public static void SameAsCsv(FileScoringResult csv, FileScoringResult columnar)
    {
        Assert.Equal(csv.Scorecard, columnar.Scorecard);
        Assert.Equal(csv.Report.Records, columnar.Report.Records);
        Assert.Equal(csv.Report.Read, columnar.Report.Read);
        Assert.Equal(csv.Report.Malformed, columnar.Report.Malformed);
        Assert.Equal(csv.Scored + csv.Rejected, columnar.Report.Read);

        // A CSV line is its row number plus one (the header).
        Assert.Equal(csv.Report.Errors.Select(e => (e.Line - 1, e.Field)), columnar.Report.Errors.Select(e => (e.Line, e.Field)));
    }
}

/// <summary>The rows a columnar file's scoring hands over, against those of its CSV.</summary>
public static class ColumnarRows
{
    /// <summary>
    /// The engine's rows of the CSV of a case: its well-formed outcomes read in order, customers keyed by a directory
    /// as they are met, those with an instant outside the engine's range left out (<see cref="Plans.ScoringPlan.ToRow"/> throws).
    /// </summary>
    public static List<Plans.OutcomeRow> OfCsv(ColumnarCase file, Plans.ScoringPlan plan)
    {
        var customers = new CustomerDirectory();
        var rows = new List<Plans.OutcomeRow>();
        var reader = new OutcomeFiles.CsvOutcomeReader(new StringReader(file.ToCsv()), new OutcomeFiles.OutcomeReaderOptions { Policy = OutcomeFiles.MalformedRecordPolicy.CollectAndContinue });
        foreach (var outcome in reader.ReadAllAsync().ToBlockingEnumerable())
        {
            var key = customers.KeyOf(outcome.CustomerId);
            try
            {
                rows.Add(plan.ToRow(outcome, key));
            }
            catch (ArgumentOutOfRangeException)
            {
                // Refused as InstantOutOfRange by the engine; not handed over.
            }
        }

        return rows;
    }

    /// <summary>Scores a columnar file with a row handler and checks the scorecard and accounting against the CSV path, and the rows against <see cref="OfCsv"/>.</summary>
    public static void AssertSameAsCsv(FileScoringResult csv, ColumnarCase file, ScoringEngine engine, Func<OutcomeRowsHandler, FileScoringOptions, FileScoringResult> score)
    {
        var rows = new List<Plans.OutcomeRow>();
        var options = new FileScoringOptions { MaxDegreeOfParallelism = file.Threads, Scorecard = new ScorecardOptions { ByCustomer = file.ByCustomer } };
        var columnar = score(span => rows.AddRange(span), options);
        ColumnarAssert.SameAsCsv(csv, columnar);
        Assert.Equal(OfCsv(file, engine.Plan), rows);
    }
}
