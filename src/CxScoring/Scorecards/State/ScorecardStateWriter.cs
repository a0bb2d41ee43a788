using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using CxScoring.Scorecards.Accumulation;

namespace CxScoring.Scorecards.State;

/// <summary>
/// Writes the mergeable state of a <see cref="Scorecard"/> in the scorecard state format: exact (every fixed-point sum,
/// histogram count, minimum and maximum as it is), versioned, compact (variable-length integers; an empty aggregate is
/// one byte) and checked (length and CRC-32C). <see cref="ScorecardStateReader"/> reads it back into a scorecard equal
/// to the one written, which merges bit-identically with any other scorecard of the same plan and calendar: the form
/// in which scorecards cross process and machine boundaries. The layout is in docs/output-format.md.
/// </summary>
/// <remarks>This type is stateless and thread-safe.</remarks>
public static class ScorecardStateWriter
{
    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = StateFormat.Version;

    /// <summary>Writes the state of a scorecard to a buffer writer.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="output">The buffer to write to.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    public static void Write(Scorecard scorecard, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(output);
        var state = Encode(scorecard);
        output.Write(state.Written);
    }

    /// <summary>Writes the state of a scorecard to a stream.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="output">The stream to write to; left open.</param>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> or <paramref name="output"/> is <see langword="null"/>.</exception>
    public static void Write(Scorecard scorecard, Stream output)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(output);
        var state = Encode(scorecard);
        output.Write(state.Written);
    }

    /// <summary>Writes the state of a scorecard to a new array.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="scorecard"/> is <see langword="null"/>.</exception>
    public static byte[] WriteToArray(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return Encode(scorecard).Written.ToArray();
    }

    private static StateBuffer Encode(Scorecard scorecard)
    {
        var cells = scorecard.VersionCells;
        var buffer = new StateBuffer(64 + (cells.Length * 2) + (scorecard.DayNumbers.Count * 64) + (scorecard.ByCustomer.Count * 64));
        var flags = (ushort)((scorecard.HasPeriods ? StateFormat.FlagPeriods : 0)
            | (scorecard.CustomerDirectory is not null ? StateFormat.FlagCustomers : 0)
            | (scorecard.TouchpointDayNumbers is not null ? StateFormat.FlagTouchpointPeriods : 0)
            | (scorecard.Ratings is not null ? StateFormat.FlagRatings : 0));
        buffer.WriteUInt32(StateFormat.Magic);
        buffer.WriteUInt16(StateFormat.Version);
        buffer.WriteUInt16(flags);
        buffer.WriteUInt64(0); // the total length, patched below
        buffer.WriteUInt64(scorecard.Plan.ModelFingerprint);
        buffer.WriteByte((byte)scorecard.WeekStart);
        var zone = Encoding.UTF8.GetBytes(scorecard.TimeZone.Id);
        buffer.WriteVarUInt64((ulong)zone.Length);
        buffer.WriteBytes(zone);

        Section(buffer, StateSection.Rejections, scorecard, static (b, s) =>
        {
            var rejections = s.RejectionCounts;
            b.WriteVarUInt64((ulong)rejections.Length);
            foreach (var count in rejections)
            {
                b.WriteVarUInt64((ulong)count);
            }
        });
        Section(buffer, StateSection.Cells, scorecard, static (b, s) =>
        {
            var cells = s.VersionCells;
            b.WriteVarUInt64((ulong)cells.Length);
            foreach (var cell in cells)
            {
                WriteAggregate(b, cell);
            }
        });
        if (scorecard.HasPeriods)
        {
            Section(buffer, StateSection.Days, scorecard, static (b, s) => WriteKeyed(b, s.DayNumbers));
        }

        if (scorecard.CustomerDirectory is not null)
        {
            Section(buffer, StateSection.Customers, scorecard, static (b, s) => WriteKeyed(b, s.ByCustomer));
        }

        if (scorecard.TouchpointDayNumbers is not null)
        {
            Section(buffer, StateSection.TouchpointDays, scorecard, static (b, s) => WriteKeyed(b, s.TouchpointDayNumbers!));
        }

        if (scorecard.Ratings is not null)
        {
            Section(buffer, StateSection.Ratings, scorecard, static (b, s) =>
            {
                var ratings = s.Ratings!;
                b.WriteVarUInt64((ulong)ratings.Rejections.Length);
                foreach (var count in ratings.Rejections)
                {
                    b.WriteVarUInt64((ulong)count);
                }

                b.WriteVarUInt64((ulong)ratings.Cells.Length);
                foreach (var cell in ratings.Cells)
                {
                    WriteAggregate(b, cell);
                }

                var agreement = ratings.Agreement;
                var nonZero = 0;
                foreach (var count in agreement)
                {
                    nonZero += count != 0 ? 1 : 0;
                }

                b.WriteVarUInt64((ulong)agreement.Length);
                b.WriteVarUInt64((ulong)nonZero);
                var previous = -1;
                for (var i = 0; i < agreement.Length; i++)
                {
                    if (agreement[i] != 0)
                    {
                        b.WriteVarUInt64((ulong)(i - previous));
                        b.WriteVarUInt64((ulong)agreement[i]);
                        previous = i;
                    }
                }
            });
        }

        var length = buffer.Length + StateFormat.TrailerSize;
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.Written[StateFormat.LengthOffset..], (ulong)length);
        var crc = StateFormat.Crc32C(buffer.Written);
        buffer.WriteUInt32(crc);
        return buffer;
    }

    /// <summary>Writes one section: its tag, the length of its payload as a varint, then the payload.</summary>
    private static void Section(StateBuffer buffer, StateSection tag, Scorecard scorecard, Action<StateBuffer, Scorecard> write)
    {
        var payload = new StateBuffer(256);
        write(payload, scorecard);
        buffer.WriteByte((byte)tag);
        buffer.WriteVarUInt64((ulong)payload.Length);
        buffer.WriteBytes(payload.Written);
    }

    /// <summary>Writes keyed aggregates in ascending key order: the count, then per entry the key (the first as a zigzag varint, the others as the positive step from the previous key) and the aggregate.</summary>
    private static void WriteKeyed<TKey>(StateBuffer buffer, IEnumerable<KeyValuePair<TKey, ScoreAggregate>> entries)
        where TKey : IConvertible
    {
        var list = entries.ToList();
        buffer.WriteVarUInt64((ulong)list.Count);
        long previous = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var key = list[i].Key.ToInt64(System.Globalization.CultureInfo.InvariantCulture);
            if (i == 0)
            {
                buffer.WriteVarInt64(key);
            }
            else
            {
                buffer.WriteVarUInt64((ulong)(key - previous));
            }

            previous = key;
            WriteAggregate(buffer, list[i].Value);
        }
    }

    /// <summary>
    /// Writes one aggregate: kind 0 (no outcome) alone; or kind 1, the 65-bit map of non-zero histogram bins (9 bytes),
    /// each non-zero count, the kept and kept-below counts, the eight fixed-point sums as zigzag varints, and the
    /// minimum and maximum score as IEEE doubles. The count and zone counts are the histogram's sums.
    /// </summary>
    private static void WriteAggregate(StateBuffer buffer, ScoreAggregate aggregate)
    {
        if (aggregate.Count == 0)
        {
            System.Diagnostics.Debug.Assert(aggregate.ScoreSumFixed == 0 && aggregate.PromisesKept == 0 && aggregate.PromiseGapSumFixed == 0, "An aggregate of no outcome has no sums.");
            buffer.WriteByte(StateFormat.EmptyAggregate);
            return;
        }

        buffer.WriteByte(StateFormat.FullAggregate);
        var histogram = aggregate.Histogram;
        var map = buffer.Grow(9);
        map.Clear();
        for (var bin = 0; bin < FixedPoint.Bins; bin++)
        {
            if (histogram[bin] != 0)
            {
                map[bin >> 3] |= (byte)(1 << (bin & 7));
            }
        }

        for (var bin = 0; bin < FixedPoint.Bins; bin++)
        {
            if (histogram[bin] != 0)
            {
                buffer.WriteVarUInt64((ulong)histogram[bin]);
            }
        }

        buffer.WriteVarUInt64((ulong)aggregate.PromisesKept);
        buffer.WriteVarUInt64((ulong)aggregate.KeptButMissedCount);
        buffer.WriteVarInt128(aggregate.ScoreSumFixed);
        buffer.WriteVarInt128(aggregate.ScoreSquaresSumFixed);
        buffer.WriteVarInt128(aggregate.FeltSumFixed);
        buffer.WriteVarInt128(aggregate.FeltSquaresSumFixed);
        buffer.WriteVarInt128(aggregate.ShortfallSumFixed);
        buffer.WriteVarInt128(aggregate.PromiseGapSumFixed);
        buffer.WriteVarInt128(aggregate.SettingGapSumFixed);
        buffer.WriteVarInt128(aggregate.BrokenPromiseGapSumFixed);
        buffer.WriteDouble(aggregate.MinScore);
        buffer.WriteDouble(aggregate.MaxScore);
    }
}
