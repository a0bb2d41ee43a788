using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CxScoring.Plans;
using CxScoring.Scorecards.Accumulation;
using NodaTime;

namespace CxScoring.Scorecards.State;

/// <summary>
/// Reads a state written by <see cref="ScorecardStateWriter"/> back into a <see cref="Scorecard"/>: equal to the one
/// written (<c>Read(Write(a)).Equals(a)</c>, the same JSON report) and merging bit-identically
/// (<c>Read(Write(a)).Merge(b)</c> equals <c>a.Merge(b)</c>). A state is refused with a
/// <see cref="ScorecardStateException"/>, never read into a wrong scorecard, when it is not a scorecard state, is
/// truncated or corrupt (length, CRC-32C, or a value no writer produces), comes from a newer format version, or was
/// scored with another model (fingerprint), time zone, week start, calendar-period or per-customer setting than the
/// reader's plan and options.
/// </summary>
/// <remarks>This type is stateless and thread-safe.</remarks>
public static class ScorecardStateReader
{
    /// <summary>Reads a scorecard state.</summary>
    /// <param name="state">The state's bytes, exactly (no trailing bytes).</param>
    /// <param name="plan">The plan the state was scored with (its <see cref="ScoringPlan.ModelFingerprint"/> must match).</param>
    /// <param name="options">The calendar and customer options of the reader's scorecards, which the state must match; the defaults when <see langword="null"/>. Per-customer states take <see cref="ScorecardOptions.Customers"/> as their directory (a new one when it is <see langword="null"/>).</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="options"/> is invalid; the message names the property.</exception>
    /// <exception cref="ScorecardStateException">Thrown when the state is not a scorecard state, is truncated or corrupt, was written by a newer format version, or does not match the plan or options.</exception>
    public static Scorecard Read(ReadOnlySpan<byte> state, ScoringPlan plan, ScorecardOptions? options)
    {
        options?.Validate(nameof(options));
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new ScorecardOptions();
        var flags = CheckEnvelope(state);
        var fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(state[StateFormat.FingerprintOffset..]);
        if (fingerprint != plan.ModelFingerprint)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state was scored with another model (fingerprint {fingerprint:x16}) than the plan's model '{plan.Model.Name}' (fingerprint {plan.ModelFingerprint:x16}); merge states of one model version only."),
                -1);
        }

        var body = new StateSpan(state[..^StateFormat.TrailerSize], 0, "the header");
        body.ReadBytes(StateFormat.WeekStartOffset);
        var weekStart = (IsoDayOfWeek)body.ReadByte();
        var zoneStart = body.Offset;
        var zoneLength = body.ReadCount(1);
        string zone;
        try
        {
            zone = new UTF8Encoding(false, true).GetString(body.ReadBytes(zoneLength));
        }
        catch (DecoderFallbackException)
        {
            throw body.Corrupt("a time zone identifier that is not UTF-8", zoneStart);
        }

        var periods = (flags & StateFormat.FlagPeriods) != 0;
        var customers = (flags & StateFormat.FlagCustomers) != 0;
        var touchpointPeriods = (flags & StateFormat.FlagTouchpointPeriods) != 0;
        var rated = (flags & StateFormat.FlagRatings) != 0;
        if (zone != options.TimeZone.Id || weekStart != options.WeekStart || periods != options.ByPeriod || customers != options.ByCustomer
            || touchpointPeriods != options.ByTouchpointPeriod)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state's calendar (time zone {zone}, weeks from {weekStart}, periods {periods}, per customer {customers}, per touchpoint and period {touchpointPeriods}) differs from the reader's options (time zone {options.TimeZone.Id}, weeks from {options.WeekStart}, periods {options.ByPeriod}, per customer {options.ByCustomer}, per touchpoint and period {options.ByTouchpointPeriod})."),
                -1);
        }

        var parts = new Parts();
        var previousTag = 0;
        while (!body.AtEnd)
        {
            var tagOffset = body.Offset;
            var tag = body.ReadByte();
            if (tag <= previousTag)
            {
                throw body.Corrupt(string.Create(CultureInfo.InvariantCulture, $"section {tag} after section {previousTag} (sections are written once each, in ascending order)"), tagOffset);
            }

            previousTag = tag;
            var length = body.ReadCount(1);
            var payloadStart = body.Offset;
            var section = new StateSpan(body.ReadBytes(length), payloadStart, SectionName(tag));
            switch ((StateSection)tag)
            {
                case StateSection.Rejections:
                    parts.Rejections = ReadRejections(ref section);
                    break;
                case StateSection.Cells:
                    parts.Cells = ReadCells(ref section, plan);
                    break;
                case StateSection.Days:
                    parts.Days = ReadKeyed(ref section, plan.Felt.Scale, static key => key is >= int.MinValue and <= int.MaxValue, static key => (int)key);
                    break;
                case StateSection.Customers:
                    parts.Customers = ReadKeyed(ref section, plan.Felt.Scale, static _ => true, static key => key);
                    break;
                case StateSection.TouchpointDays:
                    var touchpoints = plan.TouchpointCount;
                    parts.TouchpointDays = ReadKeyed(
                        ref section,
                        plan.Felt.Scale,
                        key => (key & 0xFFFF_FFFFL) < touchpoints && (key >> 32) is >= int.MinValue and <= int.MaxValue,
                        static key => key);
                    break;
                case StateSection.Ratings:
                    parts.Ratings = ReadRatings(ref section, plan);
                    break;
                default:
                    throw new ScorecardStateException(
                        string.Create(CultureInfo.InvariantCulture, $"The scorecard state holds section {tag} at byte {tagOffset}, which this version of CxScoring does not know: it was written by a newer version, and reading it without that table would lose outcomes."),
                        tagOffset);
            }

            if (!section.AtEnd)
            {
                throw section.Corrupt("bytes after its last entry", section.Offset);
            }
        }

        var end = state.Length - StateFormat.TrailerSize;
        Require(parts.Rejections is not null, "rejections", end);
        Require(parts.Cells is not null, "cells", end);
        Require(parts.Days is not null == periods, "days", end);
        Require(parts.Customers is not null == customers, "customers", end);
        Require(parts.TouchpointDays is not null == touchpointPeriods, "touchpoint days", end);
        Require(parts.Ratings is not null == rated, "ratings", end);
        return new Scorecard(
            plan, options.TimeZone, options.WeekStart, parts.Cells!, parts.Days ?? [], parts.Customers ?? [], [.. parts.Rejections!],
            plan.Felt.Scale, customers ? options.Customers ?? new CustomerDirectory() : null, periods, parts.TouchpointDays, parts.Ratings);
    }

    /// <summary>Reads a scorecard state from a stream, to its end.</summary>
    /// <param name="state">The stream holding the state and nothing after it; read to its end and left open.</param>
    /// <param name="plan">The plan the state was scored with.</param>
    /// <param name="options">The calendar and customer options of the reader's scorecards; the defaults when <see langword="null"/>.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="state"/> or <paramref name="plan"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when <paramref name="options"/> is invalid; the message names the property.</exception>
    /// <exception cref="ScorecardStateException">Thrown when the state is not a scorecard state, is truncated or corrupt, was written by a newer format version, or does not match the plan or options.</exception>
    public static Scorecard Read(Stream state, ScoringPlan plan, ScorecardOptions? options)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var copy = new MemoryStream();
        state.CopyTo(copy);
        return Read(copy.GetBuffer().AsSpan(0, (int)copy.Length), plan, options);
    }

    /// <summary>Reads the model fingerprint of a state after checking that it is an intact state of a format version this library reads; for routing and refusing states before a plan is at hand.</summary>
    /// <param name="state">The state's bytes.</param>
    /// <returns>The <see cref="ScoringPlan.ModelFingerprint"/> of the plan the state was scored with.</returns>
    /// <exception cref="ScorecardStateException">Thrown when the state is not a scorecard state, is truncated or corrupt, or was written by a newer format version.</exception>
    public static ulong ReadModelFingerprint(ReadOnlySpan<byte> state)
    {
        CheckEnvelope(state);
        return BinaryPrimitives.ReadUInt64LittleEndian(state[StateFormat.FingerprintOffset..]);
    }

    /// <summary>Checks magic, length, checksum, version and flags, in that order; returns the flags.</summary>
    private static ushort CheckEnvelope(ReadOnlySpan<byte> state)
    {
        if (state.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(state) != StateFormat.Magic)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The data is not a scorecard state: it does not start with the bytes 'CXSS' ({state.Length} bytes)."),
                0);
        }

        if (state.Length < StateFormat.MinLength)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state is truncated: {state.Length} bytes, fewer than the {StateFormat.MinLength} of the smallest state."),
                state.Length);
        }

        var length = BinaryPrimitives.ReadUInt64LittleEndian(state[StateFormat.LengthOffset..]);
        if (length != (ulong)state.Length)
        {
            var what = length > (ulong)state.Length ? "truncated" : "corrupt or followed by other data";
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state is {what}: its header gives a length of {length} bytes, and there are {state.Length}."),
                Math.Min(state.Length, StateFormat.LengthOffset));
        }

        var expected = BinaryPrimitives.ReadUInt32LittleEndian(state[^StateFormat.TrailerSize..]);
        var actual = StateFormat.Crc32C(state[..^StateFormat.TrailerSize]);
        if (expected != actual)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state is corrupt: its CRC-32C is {actual:x8} and its trailer says {expected:x8}."),
                state.Length - StateFormat.TrailerSize);
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(state[StateFormat.VersionOffset..]);
        if (version != StateFormat.Version)
        {
            var which = version > StateFormat.Version ? "a newer format version" : "a format version that does not exist";
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state has format version {version}, {which}; this version of CxScoring reads version {StateFormat.Version}."),
                StateFormat.VersionOffset);
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(state[StateFormat.FlagsOffset..]);
        if ((flags & ~StateFormat.KnownFlags) != 0)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state has flags {flags:x4}, some of which this version of CxScoring does not know."),
                StateFormat.FlagsOffset);
        }

        return flags;
    }

    private static void Require(bool present, string section, int offset)
    {
        if (!present)
        {
            throw new ScorecardStateException(
                string.Create(CultureInfo.InvariantCulture, $"The scorecard state is corrupt: its {section} section is missing, or present against the header's flags (at byte {offset})."),
                offset);
        }
    }

    private static string SectionName(byte tag) => (StateSection)tag switch
    {
        StateSection.Rejections => "the rejections section",
        StateSection.Cells => "the cells section",
        StateSection.Days => "the days section",
        StateSection.Customers => "the customers section",
        StateSection.TouchpointDays => "the touchpoint days section",
        StateSection.Ratings => "the ratings section",
        _ => string.Create(CultureInfo.InvariantCulture, $"section {tag}"),
    };

    private static long[] ReadRejections(ref StateSpan section)
    {
        var start = section.Offset;
        var count = section.ReadCount(1);
        var rejections = new long[FixedPoint.ReasonCount];
        for (var i = 0; i < count; i++)
        {
            var offset = section.Offset;
            var value = section.ReadVarUInt64();
            if (value > long.MaxValue)
            {
                throw section.Corrupt("a negative count", offset);
            }

            if (i < rejections.Length)
            {
                rejections[i] = (long)value;
            }
            else if (value != 0)
            {
                throw new ScorecardStateException(
                    string.Create(CultureInfo.InvariantCulture, $"The scorecard state counts rejections for reason {i}, which this version of CxScoring does not know (at byte {start}): it was written by a newer version."),
                    offset);
            }
        }

        return rejections;
    }

    private static ScorecardRatings ReadRatings(ref StateSpan section, ScoringPlan plan)
    {
        var rejections = ReadRejections(ref section);
        var cells = ReadCells(ref section, plan);
        var start = section.Offset;
        var length = section.ReadVarUInt64();
        var expected = (ulong)plan.Cells.Length * RatingTable.AgreementCells;
        if (length != expected)
        {
            throw section.Corrupt(string.Create(CultureInfo.InvariantCulture, $"{length} agreement counts where the plan has {expected}"), start);
        }

        var agreement = new long[expected];
        var nonZero = section.ReadCount(2);
        var index = -1L;
        for (var i = 0; i < nonZero; i++)
        {
            var offset = section.Offset;
            var step = section.ReadVarUInt64();
            if (step == 0 || step > (ulong)(agreement.Length - 1 - index))
            {
                throw section.Corrupt("agreement counts out of ascending order or past the plan's cells", offset);
            }

            index += (long)step;
            var count = section.ReadVarUInt64();
            if (count == 0 || count > long.MaxValue)
            {
                throw section.Corrupt("an agreement count that is zero or negative", offset);
            }

            agreement[index] = (long)count;
        }

        return new ScorecardRatings(cells, agreement, rejections);
    }

    private static ScoreAggregate[] ReadCells(ref StateSpan section, ScoringPlan plan)
    {
        var start = section.Offset;
        var count = section.ReadCount(1);
        var expected = plan.VersionCellCount;
        if (count != expected)
        {
            throw section.Corrupt(string.Create(CultureInfo.InvariantCulture, $"{count} promise-version cells where the plan has {expected}"), start);
        }

        var cells = new ScoreAggregate[count];
        var empty = new AggregateSum().ToAggregate(plan.Felt.Scale);
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = ReadAggregate(ref section, plan.Felt.Scale, empty);
        }

        return cells;
    }

    private static SortedDictionary<TKey, ScoreAggregate> ReadKeyed<TKey>(ref StateSpan section, double feltScale, Func<long, bool> inRange, Func<long, TKey> toKey)
        where TKey : notnull
    {
        var count = section.ReadCount(2);
        var entries = new SortedDictionary<TKey, ScoreAggregate>();
        var empty = new AggregateSum().ToAggregate(feltScale);
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            var offset = section.Offset;
            long key;
            if (i == 0)
            {
                key = section.ReadVarInt64();
            }
            else
            {
                var step = section.ReadVarUInt64();
                if (step == 0 || step > (ulong)(long.MaxValue - previous))
                {
                    throw section.Corrupt("keys out of ascending order", offset);
                }

                key = previous + (long)step;
            }

            if (!inRange(key))
            {
                throw section.Corrupt(string.Create(CultureInfo.InvariantCulture, $"the key {key}, out of range"), offset);
            }

            previous = key;
            entries.Add(toKey(key), ReadAggregate(ref section, feltScale, empty));
        }

        return entries;
    }

    private static ScoreAggregate ReadAggregate(ref StateSpan section, double feltScale, ScoreAggregate empty)
    {
        var start = section.Offset;
        var kind = section.ReadByte();
        if (kind == StateFormat.EmptyAggregate)
        {
            return empty;
        }

        if (kind != StateFormat.FullAggregate)
        {
            throw section.Corrupt(string.Create(CultureInfo.InvariantCulture, $"an aggregate of unknown kind {kind}"), start);
        }

        var map = section.ReadBytes(9);
        if ((map[8] & 0xFE) != 0)
        {
            throw section.Corrupt("a histogram map with bins beyond the last", start + 1);
        }

        var histogram = new long[FixedPoint.Bins];
        long count = 0, below = 0, above = 0;
        for (var bin = 0; bin < FixedPoint.Bins; bin++)
        {
            if ((map[bin >> 3] & (1 << (bin & 7))) == 0)
            {
                continue;
            }

            var offset = section.Offset;
            var value = section.ReadVarUInt64();
            if (value == 0 || value > long.MaxValue || (ulong)count + value > long.MaxValue)
            {
                throw section.Corrupt("a histogram count of zero or beyond 63 bits", offset);
            }

            histogram[bin] = (long)value;
            count += (long)value;
            below += bin < FixedPoint.ZeroBin ? (long)value : 0;
            above += bin > FixedPoint.ZeroBin ? (long)value : 0;
        }

        if (count == 0)
        {
            throw section.Corrupt("a non-empty aggregate with an empty histogram", start);
        }

        var keptOffset = section.Offset;
        var kept = section.ReadVarUInt64();
        var keptBelow = section.ReadVarUInt64();
        if (kept > (ulong)count || keptBelow > kept || keptBelow > (ulong)below)
        {
            throw section.Corrupt(string.Create(CultureInfo.InvariantCulture, $"kept counts ({kept}, {keptBelow} below the zone) beyond the aggregate's {count} outcomes ({below} below)"), keptOffset);
        }

        var sum = section.ReadVarInt128();
        var squares = section.ReadVarInt128();
        var felt = section.ReadVarInt128();
        var feltSquares = section.ReadVarInt128();
        var shortfall = section.ReadVarInt128();
        var promiseGap = section.ReadVarInt128();
        var settingGap = section.ReadVarInt128();
        var brokenGap = section.ReadVarInt128();
        var extremesOffset = section.Offset;
        var min = section.ReadDouble();
        var max = section.ReadDouble();
        if (!(min >= -1 && min <= max && max <= 1) || squares < 0 || feltSquares < 0 || shortfall < 0 || brokenGap > 0)
        {
            throw section.Corrupt("an aggregate whose sums or extremes no scoring produces", extremesOffset);
        }

        return new ScoreAggregate(
            count, below, above, (long)kept, sum, squares, felt, feltSquares, shortfall, min, max, [.. histogram], feltScale,
            new LetterSums((long)keptBelow, promiseGap, settingGap, brokenGap));
    }

    private sealed class Parts
    {
        internal long[]? Rejections { get; set; }

        internal ScoreAggregate[]? Cells { get; set; }

        internal SortedDictionary<int, ScoreAggregate>? Days { get; set; }

        internal SortedDictionary<long, ScoreAggregate>? Customers { get; set; }

        internal SortedDictionary<long, ScoreAggregate>? TouchpointDays { get; set; }

        internal ScorecardRatings? Ratings { get; set; }
    }
}
