using System.Buffers.Binary;
using System.Numerics;

namespace CxScoring.Scorecards.State;

/// <summary>
/// The constants of the scorecard state format (docs/output-format.md, "Scorecard state"): the fixed header, the
/// section tags and the CRC-32C trailer. Magic, format version and total length keep their places in every version,
/// so that any reader can tell a newer state from a damaged one.
/// </summary>
internal static class StateFormat
{
    /// <summary>The current format version.</summary>
    internal const ushort Version = 1;

    /// <summary>The four bytes every state starts with: <c>CXSS</c>.</summary>
    internal const uint Magic = 0x53535843;

    /// <summary>Offset of the format version (u16).</summary>
    internal const int VersionOffset = 4;

    /// <summary>Offset of the flags (u16).</summary>
    internal const int FlagsOffset = 6;

    /// <summary>Offset of the total length in bytes, trailer included (u64).</summary>
    internal const int LengthOffset = 8;

    /// <summary>Offset of the model fingerprint (u64).</summary>
    internal const int FingerprintOffset = 16;

    /// <summary>Offset of the week start (u8, ISO day 1–7).</summary>
    internal const int WeekStartOffset = 24;

    /// <summary>Offset of the time zone identifier (varint length, UTF-8 bytes).</summary>
    internal const int ZoneOffset = 25;

    /// <summary>The size of the CRC-32C trailer.</summary>
    internal const int TrailerSize = 4;

    /// <summary>The fewest bytes a state can have: the fixed header, an empty zone identifier and the trailer.</summary>
    internal const int MinLength = ZoneOffset + 1 + TrailerSize;

    /// <summary>Flag: the scorecard aggregates per calendar period.</summary>
    internal const ushort FlagPeriods = 1;

    /// <summary>Flag: the scorecard aggregates per customer.</summary>
    internal const ushort FlagCustomers = 2;

    /// <summary>Flag: the scorecard aggregates per touchpoint and calendar period (<c>ScorecardOptions.ByTouchpointPeriod</c>).</summary>
    internal const ushort FlagTouchpointPeriods = 4;

    /// <summary>Flag: the scorecard holds ratings scored beside its outcomes (<c>Measure.RatedBy</c>): the ratings section follows. States written before ratings were scored have neither, and read with no ratings.</summary>
    internal const ushort FlagRatings = 8;

    /// <summary>Every flag this version knows.</summary>
    internal const ushort KnownFlags = FlagPeriods | FlagCustomers | FlagTouchpointPeriods | FlagRatings;

    /// <summary>Aggregate kind: no outcome.</summary>
    internal const byte EmptyAggregate = 0;

    /// <summary>Aggregate kind: at least one outcome; the sums follow.</summary>
    internal const byte FullAggregate = 1;

    /// <summary>The CRC-32C (Castagnoli) of a span, as in iSCSI and ext4: initial value and final XOR all ones.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}

/// <summary>
/// The sections of a state, one per table of the scorecard, written in ascending tag order. A reader refuses a tag it
/// does not know (a newer writer's table: skipping it would lose outcomes) and a section given twice. To add a table:
/// a tag here, its write in <see cref="ScorecardStateWriter"/>, its read in <see cref="ScorecardStateReader"/>, and a
/// row in docs/output-format.md.
/// </summary>
internal enum StateSection : byte
{
    /// <summary>The count of rejected outcomes per reason.</summary>
    Rejections = 1,

    /// <summary>The promise-version cells (touchpoint × measure × segment × promise version), in plan order.</summary>
    Cells = 2,

    /// <summary>The local days with outcomes (days since 1970-01-01), ascending.</summary>
    Days = 3,

    /// <summary>The customer keys with outcomes, ascending.</summary>
    Customers = 4,

    /// <summary>The touchpoint × local day cells with outcomes, keyed (day &lt;&lt; 32) | touchpoint, ascending.</summary>
    TouchpointDays = 5,

    /// <summary>The ratings scored beside the outcomes: rejected ratings per reason, the perceived aggregates they feed per
    /// promise-version cell, and the non-zero agreement counts (index step and count) per plan cell × 9.</summary>
    Ratings = 6,
}
