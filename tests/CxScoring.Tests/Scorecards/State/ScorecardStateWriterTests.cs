using System.Buffers;
using System.Buffers.Binary;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Reports;
using CxScoring.Scorecards;
using CxScoring.Scorecards.State;
using CxScoring.Tests.TestSupport;
using FsCheck.Xunit;

namespace CxScoring.Tests.Scorecards.State;

public class ScorecardStateWriterTests
{
    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 30)]
    public void ReadWrite_RandomScorecards_EqualSameJsonAndMergeBitIdentically(PartitionedOutcomes sample, byte variant)
    {
        var options = StateTestData.OptionsOf(variant);
        var outcomes = sample.Items;
        var a = StateTestData.ScorecardOf(outcomes.Where((_, i) => sample.PieceOf[i] == 0), options);
        var b = StateTestData.ScorecardOf(outcomes.Where((_, i) => sample.PieceOf[i] != 0), options);

        var read = ScorecardStateReader.Read(ScorecardStateWriter.WriteToArray(a), StateTestData.Plan, options);

        Assert.Equal(a, read);
        Assert.Equal(ScorecardJsonWriter.WriteToString(a), ScorecardJsonWriter.WriteToString(read));
        Assert.Equal(ScorecardJsonWriter.WriteToString(a.Merge(b)), ScorecardJsonWriter.WriteToString(read.Merge(b)));
        Assert.Equal(ScorecardJsonWriter.WriteToString(b.Merge(a)), ScorecardJsonWriter.WriteToString(b.Merge(read)));
        Assert.Equal(a.Merge(b), read.Merge(b));
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 15)]
    public void Write_MergedStates_EqualStateOfMerge(PartitionedOutcomes sample)
    {
        // Partials travel as states and are merged on the other side: the same bytes as the state of the whole.
        var options = StateTestData.OptionsOf(0);
        var pieces = Enumerable.Range(0, sample.Pieces)
            .Select(p => StateTestData.ScorecardOf(sample.Items.Where((_, i) => sample.PieceOf[i] == p), options))
            .ToList();
        var whole = StateTestData.ScorecardOf(sample.Items, options);
        var mergedFromStates = Scorecard.Merge(pieces.Select(p => ScorecardStateReader.Read(ScorecardStateWriter.WriteToArray(p), StateTestData.Plan, options)));
        Assert.Equal(ScorecardStateWriter.WriteToArray(whole), ScorecardStateWriter.WriteToArray(mergedFromStates));
    }

    [Fact]
    public void Write_SinksAgree()
    {
        var options = StateTestData.OptionsOf(0);
        var scorecard = StateTestData.ScorecardOf(EngineTestData.Outcomes(3, 500), options);
        var array = ScorecardStateWriter.WriteToArray(scorecard);
        var buffer = new ArrayBufferWriter<byte>();
        ScorecardStateWriter.Write(scorecard, buffer);
        using var stream = new MemoryStream();
        ScorecardStateWriter.Write(scorecard, stream);
        Assert.Equal(array, buffer.WrittenSpan.ToArray());
        Assert.Equal(array, stream.ToArray());
        stream.Position = 0;
        Assert.Equal(scorecard, ScorecardStateReader.Read(stream, StateTestData.Plan, options));
    }

    [Fact]
    public void Write_Header_MagicVersionLengthAndFingerprint()
    {
        var scorecard = StateTestData.ScorecardOf(EngineTestData.Outcomes(4, 100), StateTestData.OptionsOf(0));
        var state = ScorecardStateWriter.WriteToArray(scorecard);
        Assert.Equal("CXSS"u8.ToArray(), state[..4]);
        Assert.Equal(ScorecardStateWriter.FormatVersion, BinaryPrimitives.ReadUInt16LittleEndian(state.AsSpan(4)));
        Assert.Equal((ulong)state.Length, BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(8)));
        Assert.Equal(StateTestData.Plan.ModelFingerprint, BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(16)));
        Assert.Equal(StateTestData.Crc32C(state.AsSpan(0, state.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(state.AsSpan(state.Length - 4)));
        Assert.Equal(StateTestData.Plan.ModelFingerprint, ScorecardStateReader.ReadModelFingerprint(state));
    }

    [Fact]
    public void Write_EmptyScorecard_OneBytePerCell()
    {
        var options = StateTestData.OptionsOf(4 | 8);
        var empty = StateTestData.ScorecardOf([], options);
        var state = ScorecardStateWriter.WriteToArray(empty);
        var cells = StateTestData.Plan.VersionCellCount;
        Assert.True(state.Length <= 64 + cells, $"An empty scorecard of {cells} promise-version cells takes {state.Length} bytes.");
        Assert.Equal(empty, ScorecardStateReader.Read(state, StateTestData.Plan, options));
    }

    [Fact]
    public void Write_NullArguments_Throw()
    {
        var scorecard = StateTestData.ScorecardOf([], StateTestData.OptionsOf(0));
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardStateWriter.WriteToArray(null!)).ParamName);
        Assert.Equal("scorecard", Assert.Throws<ArgumentNullException>(() => ScorecardStateWriter.Write(null!, new MemoryStream())).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardStateWriter.Write(scorecard, (Stream)null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ScorecardStateWriter.Write(scorecard, (IBufferWriter<byte>)null!)).ParamName);
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 40)]
    public void ModelFingerprint_SameDefinition_SameFingerprint(ScoringModel model)
    {
        var again = ScoringModelJson.Parse(ScoringModelJson.ToJson(model));
        Assert.Equal(ScoringPlan.Compile(model).ModelFingerprint, ScoringPlan.Compile(again).ModelFingerprint);
        Assert.NotEqual(0UL, ScoringPlan.Compile(model).ModelFingerprint);
    }

    [Fact]
    public void ModelFingerprint_ChangedModel_Differs()
    {
        var changed = ScoringModelJson.Parse(ScoringModelJson.ToJson(EngineTestData.Model).Replace("\"wait-2h\"", "\"wait-3h\"", StringComparison.Ordinal));
        Assert.NotEqual(StateTestData.Plan.ModelFingerprint, ScoringPlan.Compile(changed).ModelFingerprint);
    }
}
