using System.Buffers.Binary;
using CxScoring.Model;
using CxScoring.Plans;
using CxScoring.Scorecards;
using CxScoring.Scorecards.State;
using CxScoring.Tests.TestSupport;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace CxScoring.Tests.Scorecards.State;

public class ScorecardStateReaderTests
{
    private static readonly ScorecardOptions Options = StateTestData.OptionsOf(0);

    /// <summary>A small state with every section: cells, days, customers and rejections.</summary>
    private static readonly byte[] Small = ScorecardStateWriter.WriteToArray(StateTestData.ScorecardOf(EngineTestData.Outcomes(11, 60), Options));

    [Fact]
    public void Read_EveryFlippedBitAndTruncation_Refused()
    {
        // Exhaustive over the small state: each of its bits flipped, and every shorter length.
        Assert.True(Small.Length > 1000, $"The state has {Small.Length} bytes.");
        for (var position = 0; position < Small.Length; position++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])Small.Clone();
                damaged[position] ^= (byte)(1 << bit);
                AssertRefused(damaged);
            }
        }

        for (var length = 0; length < Small.Length; length++)
        {
            AssertRefused(Small[..length]);
        }
    }

    [Property(Arbitrary = new[] { typeof(CxArbitraries) }, MaxTest = 20)]
    public void Read_RandomScorecardWithRandomDamage_Refused(EngineOutcomes sample, PositiveInt position, byte mask, PositiveInt cut)
    {
        var state = ScorecardStateWriter.WriteToArray(StateTestData.ScorecardOf(sample.Items, Options));
        var flipped = (byte[])state.Clone();
        flipped[position.Get % state.Length] ^= (byte)Math.Max((int)mask, 1);
        AssertRefused(flipped);
        AssertRefused(state[..(cut.Get % state.Length)]);
        AssertRefused([.. state, mask]);
    }

    [Fact]
    public void Read_OtherModel_RefusedNamingFingerprints()
    {
        var other = ScoringPlan.Compile(ScoringModelJson.Parse(ScoringModelJson.ToJson(EngineTestData.Model).Replace("\"wait-2h\"", "\"wait-3h\"", StringComparison.Ordinal)));
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(Small, other, Options));
        Assert.Contains("another model", error.Message, StringComparison.Ordinal);
        Assert.Contains(StateTestData.Plan.ModelFingerprint.ToString("x16", null), error.Message, StringComparison.Ordinal);
        Assert.Equal(-1, error.Offset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Read_OtherCalendarOrCustomerSetting_Refused(int variant)
    {
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(Small, StateTestData.Plan, StateTestData.OptionsOf(variant)));
        Assert.Contains("calendar", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CxScoringException>(error);
    }

    [Fact]
    public void Read_NewerFormatVersion_RefusedAsNewer()
    {
        var newer = (byte[])Small.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(newer.AsSpan(4), ScorecardStateWriter.FormatVersion + 1);
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(StateTestData.Restamp(newer), StateTestData.Plan, Options));
        Assert.Contains("newer format version", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void Read_UnknownSection_RefusedAsNewer()
    {
        // A newer writer's table appended as section 9, length 1, one byte; the length field updated and the CRC re-stamped.
        var body = Small[..^4].Concat(new byte[] { 9, 1, 0 }).Concat(new byte[4]).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(8), (ulong)body.Length);
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(StateTestData.Restamp(body), StateTestData.Plan, Options));
        Assert.Contains("section 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        Assert.Equal(Small.Length - 4, error.Offset);
    }

    [Fact]
    public void Read_NotAState_Refused()
    {
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read("{\"format\":1}"u8, StateTestData.Plan, Options));
        Assert.Contains("not a scorecard state", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Read_Truncated_SaysTruncated()
    {
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(Small.AsSpan(0, Small.Length - 10), StateTestData.Plan, Options));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FlippedByte_SaysCorrupt()
    {
        var damaged = (byte[])Small.Clone();
        damaged[200] ^= 0x10;
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(damaged, StateTestData.Plan, Options));
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("CRC-32C", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValueNoWriterProduces_RefusedWithOffset()
    {
        // The cell count of the cells section, changed and re-stamped: the structural check names the section and byte.
        var cellsTag = FindCellsSection(Small);
        var damaged = (byte[])Small.Clone();
        var countOffset = cellsTag + 1 + VarIntLength(damaged, cellsTag + 1);
        damaged[countOffset] ^= 0x01;
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(StateTestData.Restamp(damaged), StateTestData.Plan, Options));
        Assert.Contains("cells section", error.Message, StringComparison.Ordinal);
        Assert.Equal(countOffset, error.Offset);
    }

    [Fact]
    public void Read_CustomerStateWithoutDirectory_GetsItsOwn()
    {
        var options = new ScorecardOptions { TimeZone = EngineTestData.Berlin, ByCustomer = true };
        var scorecard = StateTestData.ScorecardOf(EngineTestData.Outcomes(5, 100), options);
        var read = ScorecardStateReader.Read(ScorecardStateWriter.WriteToArray(scorecard), StateTestData.Plan, options);
        Assert.NotNull(read.CustomerDirectory);
        Assert.Equal(scorecard.ByCustomer, read.ByCustomer);
    }

    [Fact]
    public void Read_Arguments_Validated()
    {
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => ScorecardStateReader.Read(Small, null!, Options)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => ScorecardStateReader.Read((Stream)null!, StateTestData.Plan, Options)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => ScorecardStateReader.Read(Small, StateTestData.Plan, new ScorecardOptions { TimeZone = null! }));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("ScorecardOptions.TimeZone", error.Message, StringComparison.Ordinal);
        Assert.Equal(StateTestData.Plan.ModelFingerprint, ScorecardStateReader.ReadModelFingerprint(Small));
        Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.ReadModelFingerprint(Small.AsSpan(1)));
        Assert.Equal(DateTimeZone.Utc, ScorecardStateReader.Read(ScorecardStateWriter.WriteToArray(StateTestData.ScorecardOf([], new ScorecardOptions())), StateTestData.Plan, null).TimeZone);
    }

    private static void AssertRefused(byte[] state)
    {
        var error = Assert.Throws<ScorecardStateException>(() => ScorecardStateReader.Read(state, StateTestData.Plan, Options));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.InRange(error.Offset, -1, Math.Max(state.Length, 16));
    }

    private static int FindCellsSection(byte[] state)
    {
        // After the fixed header and the zone; the first section is the rejections one (tag 1).
        var position = 25;
        var zoneLength = state[position];
        position += 1 + zoneLength;
        while (state[position] != 2)
        {
            var length = ReadVarInt(state, position + 1, out var size);
            position += 1 + size + length;
        }

        return position;
    }

    private static int VarIntLength(byte[] state, int offset)
    {
        ReadVarInt(state, offset, out var size);
        return size;
    }

    private static int ReadVarInt(byte[] state, int offset, out int size)
    {
        var value = 0;
        size = 0;
        while (true)
        {
            var b = state[offset + size];
            value |= (b & 0x7F) << (7 * size);
            size++;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
