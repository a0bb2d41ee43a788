using CxScoring.OutcomeFiles;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxScoring.Tests.OutcomeFiles;

public sealed class CsvSeparatorsTests
{
    private static readonly byte[] Alphabet = "ab,;\t\n\"\r 9"u8.ToArray();

    [Property(MaxTest = 500)]
    public Property Next_AnyText_GivesEveryDelimiterAndLineFeedInOrderThenTheLength()
        => Prop.ForAll(
            (from length in Gen.Choose(0, 300)
             from bytes in Gen.ArrayOf(Gen.Elements(Alphabet), length)
             from delimiter in Gen.Elements((byte)',', (byte)';', (byte)'\t', (byte)0)
             select (bytes, delimiter)).ToArbitrary(),
            t =>
            {
                var expected = new List<int>();
                for (var i = 0; i < t.bytes.Length; i++)
                {
                    if (t.bytes[i] == t.delimiter || t.bytes[i] == (byte)'\n')
                    {
                        expected.Add(i);
                    }
                }

                var separators = new CsvSeparators(t.bytes, t.delimiter);
                var found = new List<int>();
                int at;
                while ((at = separators.Next()) < t.bytes.Length)
                {
                    found.Add(at);
                }

                return found.SequenceEqual(expected) && separators.Next() == t.bytes.Length;
            });

    [Property(MaxTest = 500)]
    public Property Next_AnyAsciiTextAndDelimiter_GivesEveryDelimiterAndLineFeedInOrderThenTheLength()
        => Prop.ForAll(
            (from length in Gen.Choose(0, 300)
             from bytes in Gen.ArrayOf(Gen.Frequency(
                 (4, Gen.Choose(0, 0x7F).Select(b => (byte)b)),
                 (1, Gen.Elements((byte)'\n', (byte)0x0B, (byte)0x09, (byte)',', (byte)'+', (byte)'-'))), length)
             from delimiter in Gen.Choose(0, 0x7F).Select(b => (byte)b).Where(b => b != (byte)'\n')
             select (bytes, delimiter)).ToArbitrary(),
            t =>
            {
                // Bytes next to the separators (0x09, 0x0B, '+', '-') are where a borrow between bytes would show.
                var expected = Enumerable.Range(0, t.bytes.Length).Where(i => t.bytes[i] == t.delimiter || t.bytes[i] == (byte)'\n');
                var separators = new CsvSeparators(t.bytes, t.delimiter);
                var found = new List<int>();
                int at;
                while ((at = separators.Next()) < t.bytes.Length)
                {
                    found.Add(at);
                }

                return found.SequenceEqual(expected) && separators.Next() == t.bytes.Length;
            });

    [Property(MaxTest = 500)]
    public Property PlainLength_AnyText_EndsAfterTheLastLineFeedBeforeTheFirstByteThatIsNotPlainOrABareCarriageReturn()
        => Prop.ForAll(
            (from length in Gen.Choose(0, 200)
             from bytes in Gen.ArrayOf(Gen.Frequency((30, Gen.Elements(Alphabet[..4])), (3, Gen.Constant((byte)'\n')), (3, Gen.Constant((byte)'\r')), (1, Gen.Elements(Alphabet[4..]))), length)
             select bytes).ToArbitrary(),
            bytes =>
            {
                var plain = CsvSeparators.PlainBytes((byte)',')!;
                var length = CsvSeparators.PlainLength(bytes, plain);
                var firstOther = Array.FindIndex(bytes, b => !(b == (byte)'\n' || b == (byte)'\r' || b == (byte)',' || (b > (byte)' ' && b < 0x7F && b != (byte)'"')));
                var region = firstOther < 0 ? bytes : bytes[..firstOther];
                var bareCr = Enumerable.Range(0, region.Length).FirstOrDefault(i => region[i] == (byte)'\r' && (i + 1 == region.Length || region[i + 1] != (byte)'\n'), -1);
                region = bareCr < 0 ? region : region[..bareCr];
                return length == Array.LastIndexOf(region, (byte)'\n') + 1;
            });

    [Theory]
    [InlineData('"')]
    [InlineData('\r')]
    [InlineData('\n')]
    [InlineData('é')]
    public void PlainBytes_DelimiterThatCannotSeparatePlainText_IsNull(char delimiter)
        => Assert.Null(CsvSeparators.PlainBytes((byte)delimiter));

    [Fact]
    public void PlainBytes_Tab_AllowsTabAndLineBreaksButNotSpaceOrQuote()
    {
        var plain = CsvSeparators.PlainBytes((byte)'\t')!;
        Assert.True(plain.Contains((byte)'\t'));
        Assert.True(plain.Contains((byte)'\n'));
        Assert.True(plain.Contains((byte)','));
        Assert.False(plain.Contains((byte)' '));
        Assert.False(plain.Contains((byte)'"'));
        Assert.True(plain.Contains((byte)'\r'));
        Assert.False(plain.Contains(0x7F));
    }
}
