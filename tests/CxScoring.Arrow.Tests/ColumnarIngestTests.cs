using Apache.Arrow;
using CxScoring.Arrow.Tests.TestSupport;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Arrow.Tests;

/// <summary>How <see cref="ColumnarIngest"/> shares a file's units between its workers.</summary>
public sealed class ColumnarIngestTests
{
    private static readonly ScoringEngine Engine = new(EngineTestData.Model);

    [Fact]
    public async Task RunAsync_SlowWellFormedUnit_OtherWorkerScoresPastIt()
    {
        // Unit 0 is held until a worker has started unit 12: more units than could be claimed ahead of a unit not yet
        // taken when a place came back only with the unit's turn (two a worker). A well-formed unit gives its place
        // back when it is scored, so the other worker goes on; the result is still one thread's.
        using var temp = new TempFiles();
        var rows = Enumerable.Range(0, 200)
            .Select(i => new ColumnarRow("c" + (i % 7), "bill", "amount", i % 11, i, null, null, null, null))
            .ToArray();
        var path = ArrowScoringEngineExtensionsTests.WriteArrow(temp, new ColumnarCase(rows, 8, Dictionary: true, 2, ByCustomer: false, 0), "outcomes.arrow", stream: false);
        var oneThread = await Engine.ScoreArrowFileAsync(path, new FileScoringOptions { MaxDegreeOfParallelism = 1 });
        var options = new FileScoringOptions { MaxDegreeOfParallelism = 2 };
        ColumnarIngest.Validate(options, nameof(options));
        using var gate = new ManualResetEventSlim();

        var result = await ColumnarIngest.RunAsync(
            Engine, async () => new GatedSource(await ArrowIpcSource.OpenFileAsync(path, CancellationToken.None), gate, 12), options, CancellationToken.None);

        Assert.True(gate.IsSet);
        Assert.Equal(2, result.Threads);
        Assert.Equal(oneThread.Scorecard, result.Scorecard);
        Assert.Equal(200, result.Report.Records);
        Assert.Equal(oneThread.Report.Read, result.Report.Read);
        Assert.Equal(oneThread.Report.Malformed, result.Report.Malformed);
    }

    /// <summary>A source whose unit 0 is read only once a unit at or after <c>after</c> has been started.</summary>
    private sealed class GatedSource(ColumnarSource inner, ManualResetEventSlim gate, int after) : ColumnarSource
    {
        internal override string Name => inner.Name;

        internal override string Kind => inner.Kind;

        internal override Schema Schema => inner.Schema;

        internal override int Units => inner.Units;

        internal override IUnitReader OpenReader(bool customers, bool instants) => new GatedReader(inner.OpenReader(customers, instants), gate, after);

        public override void Dispose() => inner.Dispose();
    }

    private sealed class GatedReader(IUnitReader inner, ManualResetEventSlim gate, int after) : IUnitReader
    {
        public IEnumerable<RecordBatch> Read(int unit)
        {
            if (unit == 0 && !gate.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"No worker started unit {after} while unit 0 was being read.");
            }

            if (unit >= after)
            {
                gate.Set();
            }

            return inner.Read(unit);
        }

        public void Dispose() => inner.Dispose();
    }
}
