using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CxScoring.Gaps;
using CxScoring.Model;
using NodaTime;

namespace CxScoring.Plans;

/// <summary>
/// A <see cref="ScoringModel"/> compiled for the engine: every combination of touchpoint, measure and segment is a
/// <em>cell</em> in dense arrays holding the measure's sign and 1/scale, the promised, adequate and desired levels
/// (already resolved and mapped to the polarity's value space), and the promise's validity versions over time.
/// Scoring a row is array indexing and arithmetic: no dictionary lookup and no allocation per outcome.
/// </summary>
/// <remarks>
/// <para>String identifiers become dense indices once, through <see cref="TouchpointIndex(string)"/>,
/// <see cref="MeasureIndex(string)"/>, <see cref="SegmentIndex(string)"/> or <see cref="ToRow(in Outcome, long)"/>;
/// indices follow the order of the model's lists.</para>
/// <para><see cref="TryScore(in OutcomeRow, out GapResult, out RejectionReason)"/> gives exactly the result of
/// <see cref="ScoringModel.TryScore(in Outcome, out GapResult, out RejectionReason)"/> for the same outcome.</para>
/// <para>Instances are immutable and safe to use from any number of threads.</para>
/// </remarks>
public sealed class ScoringPlan
{
    private const int NoVersion = -1;

    private readonly FrozenDictionary<string, int> _touchpointIndex;
    private readonly FrozenDictionary<string, int> _measureIndex;
    private readonly FrozenDictionary<string, int> _segmentIndex;
    private readonly Measure[] _measures;
    private readonly Expectation[] _expectations;
    private readonly Promise[] _promises;
    private ulong _fingerprint;

    private ScoringPlan(ScoringModel model)
    {
        Model = model;
        TouchpointCount = model.Touchpoints.Length;
        MeasureCount = model.Measures.Length;
        SegmentCount = model.Segments.Length;
        SegmentSlots = SegmentCount + 1;
        _measures = [.. model.Measures];
        _expectations = [.. model.Expectations];
        _promises = [.. model.Promises];
        _touchpointIndex = Index(model.Touchpoints.Select(t => t.Id));
        _measureIndex = Index(model.Measures.Select(m => m.Id));
        MeasureRatedBy = new int[MeasureCount];
        for (var m = 0; m < MeasureCount; m++)
        {
            MeasureRatedBy[m] = _measures[m].RatedBy is { } ratedBy ? _measureIndex[ratedBy] : -1;
            HasRatedMeasures |= MeasureRatedBy[m] >= 0;
        }
        _segmentIndex = Index(model.Segments.Select(s => s.Id));
        Felt = new FeltTable(model.FeltValue);

        var channels = new List<Channel>();
        TouchpointStage = new int[TouchpointCount];
        TouchpointChannel = new int[TouchpointCount];
        for (var t = 0; t < TouchpointCount; t++)
        {
            var touchpoint = model.Touchpoints[t];
            TouchpointStage[t] = (int)touchpoint.Stage;
            var channel = channels.IndexOf(touchpoint.Channel);
            if (channel < 0)
            {
                channel = channels.Count;
                channels.Add(touchpoint.Channel);
            }

            TouchpointChannel[t] = channel;
        }

        Channels = [.. channels];

        var cellCount = checked(TouchpointCount * MeasureCount * SegmentSlots);
        Cells = new PlanCell[cellCount];
        CellExpectation = new int[cellCount];
        CellVersionStart = new int[cellCount];
        CellVersionCount = new int[cellCount];
        var versionStarts = new List<long>();
        var versionPromises = new List<int>();

        // Candidates in the model's order of preference: most specific first, ties in the order added.
        var promiseOrder = Enumerable.Range(0, _promises.Length).OrderByDescending(i => _promises[i].Scope.Specificity).ToArray();
        var expectationOrder = Enumerable.Range(0, _expectations.Length).OrderByDescending(i => _expectations[i].Scope.Specificity).ToArray();
        var candidates = new List<int>();
        for (var t = 0; t < TouchpointCount; t++)
        {
            var touchpoint = model.Touchpoints[t];
            for (var m = 0; m < MeasureCount; m++)
            {
                var measure = _measures[m];
                for (var slot = 0; slot < SegmentSlots; slot++)
                {
                    var segmentId = slot == 0 ? null : model.Segments[slot - 1].Id;
                    var cell = CellIndex(t, m, slot - 1);
                    candidates.Clear();
                    foreach (var p in promiseOrder)
                    {
                        if (_promises[p].MeasureId == measure.Id && _promises[p].Scope.AppliesTo(touchpoint, segmentId))
                        {
                            candidates.Add(p);
                        }
                    }

                    CellVersionStart[cell] = versionStarts.Count;
                    AddVersions(candidates, versionStarts, versionPromises);
                    CellVersionCount[cell] = versionStarts.Count - CellVersionStart[cell];

                    CellExpectation[cell] = -1;
                    foreach (var e in expectationOrder)
                    {
                        if (_expectations[e].MeasureId == measure.Id && _expectations[e].Scope.AppliesTo(touchpoint, segmentId))
                        {
                            CellExpectation[cell] = e;
                            break;
                        }
                    }

                    Cells[cell] = MakeCell(measure, CellExpectation[cell], CellVersionCount[cell] == 1 ? versionPromises[CellVersionStart[cell]] : NoVersion);
                }
            }
        }

        VersionStarts = [.. versionStarts];
        VersionPromises = [.. versionPromises];

        FastCells = new FastCell[cellCount];
        for (var cell = 0; cell < cellCount; cell++)
        {
            ref readonly var c = ref Cells[cell];
            FastCells[cell] = (c.Flags & PlanCell.FastFlag) != 0
                ? new FastCell { Adequate = c.Adequate, Desired = c.Desired, Promised = c.Promised, SignedInverseScale = c.SignedInverseScale }
                : new FastCell { SignedInverseScale = double.NaN };
            HasSlowCells |= (c.Flags & PlanCell.FastFlag) == 0;
        }

        RunKeys = new int[cellCount + 1];
        CellGroups = new int[cellCount];
        for (var cell = 0; cell < cellCount; cell++)
        {
            RunKeys[cell] = double.IsNaN(FastCells[cell].SignedInverseScale) ? cellCount : cell;
            CellGroups[cell] = (cell / (MeasureCount * SegmentSlots) * SegmentSlots) + (cell % SegmentSlots);
        }

        RunKeys[cellCount] = cellCount;

        // Promise-version cells: the first version of each plan cell (or the cell itself when no promise ever applies)
        // has the cell's own index, so the fast paths, whose cells have exactly one version, file rows under the plan
        // cell they already know; later versions follow, after the last plan cell.
        ExtraVersionCellStart = new int[cellCount];
        var extra = 0;
        for (var cell = 0; cell < cellCount; cell++)
        {
            ExtraVersionCellStart[cell] = cellCount + extra - 1;
            extra += Math.Max(0, CellVersionCount[cell] - 1);
        }

        VersionCellCount = cellCount + extra;
        VersionCellPlanCell = new int[VersionCellCount];
        VersionCellTouchpoint = new int[VersionCellCount];
        VersionCellPromise = new int[VersionCellCount];
        for (var cell = 0; cell < cellCount; cell++)
        {
            var start = CellVersionStart[cell];
            var count = CellVersionCount[cell];
            VersionCellPlanCell[cell] = cell;
            VersionCellPromise[cell] = count == 0 ? NoVersion : VersionPromises[start];
            for (var k = 1; k < count; k++)
            {
                VersionCellPlanCell[ExtraVersionCellStart[cell] + k] = cell;
                VersionCellPromise[ExtraVersionCellStart[cell] + k] = VersionPromises[start + k];
            }
        }

        for (var v = 0; v < VersionCellCount; v++)
        {
            VersionCellTouchpoint[v] = VersionCellPlanCell[v] / (MeasureCount * SegmentSlots);
        }

        MeasureLimits = new MeasureLimits[MeasureCount];
        for (var m = 0; m < MeasureCount; m++)
        {
            var c = MakeCell(_measures[m], -1, NoVersion);
            MeasureLimits[m] = new MeasureLimits { Low = c.Low, High = c.High, Target = c.Target, Flags = c.Flags & (PlanCell.TargetFlag | PlanCell.YesNoFlag) };
        }
    }

    /// <summary>Gets the model the plan was compiled from.</summary>
    public ScoringModel Model { get; }

    /// <summary>Gets the number of touchpoints; touchpoint indices run from 0 to this number − 1.</summary>
    public int TouchpointCount { get; }

    /// <summary>Gets the number of measures; measure indices run from 0 to this number − 1.</summary>
    public int MeasureCount { get; }

    /// <summary>Gets the number of segments; segment indices run from 0 to this number − 1 (<see cref="OutcomeRow.NoSegment"/> for none).</summary>
    public int SegmentCount { get; }

    internal int SegmentSlots { get; }

    internal PlanCell[] Cells { get; }

    /// <summary>Gets the hot part of each cell, in the order of <see cref="Cells"/>.</summary>
    internal FastCell[] FastCells { get; }

    /// <summary>Gets, per cell and one past the last, the cell itself when it is fast, else the cell count: the key under which cell-run kernels file a row.</summary>
    internal int[] RunKeys { get; }

    /// <summary>Gets the touchpoint × segment group of each cell.</summary>
    internal int[] CellGroups { get; }

    /// <summary>
    /// Gets the number of promise-version cells, the grain scorecards accumulate at: one per plan cell and validity
    /// version of its promise in force (at least one per plan cell). Version cell <c>c</c> is the first version of plan
    /// cell <c>c</c>; the later versions of a cell come after all plan cells.
    /// </summary>
    internal int VersionCellCount { get; }

    /// <summary>Gets, per plan cell, the version cell of its version k ≥ 1 less k: version k of cell c is version cell <c>ExtraVersionCellStart[c] + k</c>.</summary>
    internal int[] ExtraVersionCellStart { get; }

    /// <summary>Gets the touchpoint of each version cell.</summary>
    internal int[] VersionCellTouchpoint { get; }

    /// <summary>Gets the plan cell of each version cell.</summary>
    internal int[] VersionCellPlanCell { get; }

    /// <summary>Gets the index of the model promise in force in each version cell, or −1 when none is (outcomes there carry their own promise).</summary>
    internal int[] VersionCellPromise { get; }

    /// <summary>Gets a value indicating whether any cell takes the general path (<see cref="FastCell.SignedInverseScale"/> is NaN).</summary>
    internal bool HasSlowCells { get; }

    /// <summary>Gets the range, target and flags of each measure.</summary>
    internal MeasureLimits[] MeasureLimits { get; }

    /// <summary>Gets, per measure, the index of the perceived measure that scores the ratings on its outcomes, or −1.</summary>
    internal int[] MeasureRatedBy { get; }

    /// <summary>Gets a value indicating whether some measure has its outcomes' ratings scored (<see cref="Measure.RatedBy"/>).</summary>
    internal bool HasRatedMeasures { get; }

    /// <summary>
    /// Whether scoring this plan's rows into a scorecard reads the rows' observed instants: for calendar periods, for a
    /// cell on the general path (its promise found by instant, its levels resolved per outcome), or for a rated
    /// measure's ratings. When it does not, the instants of rows that carry no promise, deadline or rating of their
    /// own do not change the scorecard, so a reader may leave them unread (passing any in-range instant, zero say).
    /// </summary>
    /// <param name="calendarPeriods">Whether the scorecard has calendar periods (<c>ScorecardOptions.ByPeriod</c>).</param>
    /// <returns><see langword="false"/> when the observed instants of such rows cannot change the scorecard.</returns>
    internal bool ReadsObservedInstants(bool calendarPeriods) => calendarPeriods || HasSlowCells || HasRatedMeasures;

    internal int[] CellExpectation { get; }

    internal int[] CellVersionStart { get; }

    internal int[] CellVersionCount { get; }

    internal long[] VersionStarts { get; }

    internal int[] VersionPromises { get; }

    internal int[] TouchpointStage { get; }

    internal int[] TouchpointChannel { get; }

    internal Channel[] Channels { get; }

    internal FeltTable Felt { get; }

    /// <summary>
    /// Gets the fingerprint of the compiled model: a 64-bit FNV-1a hash of the model in the model file format
    /// (<c>ScoringModelJson.Save</c>), so two plans of the same model definition have the same fingerprint wherever
    /// they were compiled, and a change to any touchpoint, measure, segment, promise, expectation or felt-value
    /// parameter changes it (up to the 2⁻⁶⁴ chance of a collision). Scorecard states carry it, so that a state is read
    /// and merged only against the model it was scored with.
    /// </summary>
    /// <value>Computed once, the first time it is read; never 0.</value>
    public ulong ModelFingerprint
    {
        get
        {
            var fingerprint = Volatile.Read(ref _fingerprint);
            if (fingerprint == 0)
            {
                fingerprint = FingerprintOf(Model);
                Volatile.Write(ref _fingerprint, fingerprint);
            }

            return fingerprint;
        }
    }

    /// <summary>Compiles a model into a plan.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="model"/> is <see langword="null"/>.</exception>
    public static ScoringPlan Compile(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ScoringPlan(model);
    }

    /// <summary>Gets the dense index of a touchpoint.</summary>
    /// <param name="id">The touchpoint identifier.</param>
    /// <returns>The index, in the order of <see cref="ScoringModel.Touchpoints"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such touchpoint.</exception>
    public int TouchpointIndex(string id) => Require(_touchpointIndex, id, "touchpoint", nameof(id));

    /// <summary>Gets the dense index of a measure.</summary>
    /// <param name="id">The measure identifier.</param>
    /// <returns>The index, in the order of <see cref="ScoringModel.Measures"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such measure.</exception>
    public int MeasureIndex(string id) => Require(_measureIndex, id, "measure", nameof(id));

    /// <summary>Gets the dense index of a segment.</summary>
    /// <param name="id">The segment identifier.</param>
    /// <returns>The index, in the order of <see cref="ScoringModel.Segments"/>.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the model defines no such segment.</exception>
    public int SegmentIndex(string id) => Require(_segmentIndex, id, "segment", nameof(id));

    /// <summary>Finds the dense index of a touchpoint.</summary>
    /// <param name="id">The touchpoint identifier.</param>
    /// <param name="index">The index, when found; −1 otherwise.</param>
    /// <returns><see langword="true"/> when the model defines the touchpoint.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    public bool TryGetTouchpointIndex(string id, out int index) => TryFind(_touchpointIndex, id, out index);

    /// <summary>Finds the dense index of a measure.</summary>
    /// <param name="id">The measure identifier.</param>
    /// <param name="index">The index, when found; −1 otherwise.</param>
    /// <returns><see langword="true"/> when the model defines the measure.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    public bool TryGetMeasureIndex(string id, out int index) => TryFind(_measureIndex, id, out index);

    /// <summary>Finds the dense index of a segment.</summary>
    /// <param name="id">The segment identifier.</param>
    /// <param name="index">The index, when found; −1 otherwise.</param>
    /// <returns><see langword="true"/> when the model defines the segment.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="id"/> is <see langword="null"/>.</exception>
    public bool TryGetSegmentIndex(string id, out int index) => TryFind(_segmentIndex, id, out index);

    /// <summary>
    /// Converts a model-level outcome into a row. Identifiers the model does not define become indices the engine
    /// refuses with the matching reason (touchpoint and measure −1, segment −2), so nothing is lost on the way.
    /// </summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="customerKey">The caller's number for the outcome's customer.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Thrown when an instant of the outcome is outside the range of <see cref="UnixTime"/>.</exception>
    public OutcomeRow ToRow(in Outcome outcome, long customerKey = 0)
    {
        if (!TryToRow(outcome, customerKey, out var row))
        {
            // One of the instants is out of range: let the conversion say which.
            UnixTime.ToNanoseconds(outcome.ObservedAt);
            UnixTime.ToNanoseconds(outcome.PromisedBy ?? outcome.ObservedAt);
            UnixTime.ToNanoseconds(outcome.RequestedAt ?? outcome.ObservedAt);
        }

        return row;
    }

    /// <summary>Converts an outcome into a row; <see langword="false"/> when an instant is outside the range of <see cref="UnixTime"/>.</summary>
    internal bool TryToRow(in Outcome outcome, long customerKey, out OutcomeRow row)
    {
        row = default;
        if (!InRange(outcome.ObservedAt) || (outcome.PromisedBy is { } b && !InRange(b)) || (outcome.RequestedAt is { } r && !InRange(r)))
        {
            return false;
        }

        var touchpoint = outcome.TouchpointId is { } t && _touchpointIndex.TryGetValue(t, out var ti) ? ti : -1;
        var measure = outcome.MeasureId is { } m && _measureIndex.TryGetValue(m, out var mi) ? mi : -1;
        var segment = outcome.SegmentId is not { } s ? OutcomeRow.NoSegment : _segmentIndex.TryGetValue(s, out var si) ? si : -2;
        row = new OutcomeRow(touchpoint, measure, outcome.Value, UnixTime.ToNanoseconds(outcome.ObservedAt), segment, customerKey);
        if (outcome.PromisedLevel is { } level)
        {
            row = row.WithPromisedLevel(level);
        }

        if (outcome.PromisedBy is { } by)
        {
            row = row.WithPromisedBy(UnixTime.ToNanoseconds(by));
        }

        if (outcome.RequestedAt is { } requested)
        {
            row = row.WithRequestedAt(UnixTime.ToNanoseconds(requested));
        }

        if (outcome.PerceivedRating is { } rating)
        {
            row = row.WithPerceivedRating(rating);
        }

        return true;

        static bool InRange(Instant instant) => instant >= UnixTime.MinValue && instant <= UnixTime.MaxValue;
    }

    /// <summary>Scores one row, or says why it cannot be scored: the same result as <see cref="ScoringModel.TryScore(in Outcome, out GapResult, out RejectionReason)"/>.</summary>
    /// <param name="row">The row.</param>
    /// <param name="result">The gaps, when scored.</param>
    /// <param name="reason">Why the row was refused, when it was.</param>
    /// <returns><see langword="true"/> when the row was scored.</returns>
    public bool TryScore(in OutcomeRow row, out GapResult result, out RejectionReason reason)
    {
        if (!TryResolve(row.TouchpointIndex, row.MeasureIndex, row.SegmentIndex, row.Flags, row.Value, row.ObservedAtNanoseconds, row.RawPromised, row.RequestedAtNanoseconds,
                out var cell, out _, out var delivered, out var promised, out var adequate, out var desired, out reason))
        {
            result = default;
            return false;
        }

        ref readonly var c = ref Cells[cell];
        result = GapCalculator.Calculate(c.Sign, c.InverseScale, delivered, promised, adequate, desired, Model.FeltValue);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int CellIndex(int touchpoint, int measure, int segment) => (((touchpoint * MeasureCount) + measure) * SegmentSlots) + segment + 1;

    /// <summary>
    /// The general path: validates the indices, finds the promise in force and the expectation of the cell, then
    /// resolves the levels by the same rule as <see cref="ScoringModel.TryScore"/> (<c>OutcomeResolution</c>).
    /// </summary>
    internal bool TryResolve(
        int touchpoint, int measure, int segment, int flags, double value, long observed, long rawPromised, long requested,
        out int cell, out int versionCell, out double delivered, out double promised, out double adequate, out double desired, out RejectionReason reason)
    {
        cell = versionCell = 0;
        delivered = promised = adequate = desired = 0;
        if ((uint)touchpoint >= (uint)TouchpointCount)
        {
            reason = RejectionReason.UnknownTouchpoint;
            return false;
        }

        if ((uint)measure >= (uint)MeasureCount)
        {
            reason = RejectionReason.UnknownMeasure;
            return false;
        }

        if (segment != OutcomeRow.NoSegment && (uint)segment >= (uint)SegmentCount)
        {
            reason = RejectionReason.UnknownSegment;
            return false;
        }

        cell = CellIndex(touchpoint, measure, segment);
        var validityInstant = (flags & OutcomeRow.HasRequestedAtFlag) != 0 ? requested : observed;
        versionCell = FindVersionCell(cell, validityInstant);
        var promise = VersionCellPromise[versionCell];
        var expectation = CellExpectation[cell];
        return OutcomeResolution.TryResolve(
            _measures[measure],
            promise < 0 ? null : _promises[promise],
            expectation < 0 ? null : _expectations[expectation],
            value,
            (flags & OutcomeRow.HasPromisedLevelFlag) != 0 ? BitConverter.Int64BitsToDouble(rawPromised) : null,
            (flags & OutcomeRow.HasPromisedByFlag) != 0 ? UnixTime.FromNanoseconds(rawPromised) : null,
            (flags & OutcomeRow.HasRequestedAtFlag) != 0 ? UnixTime.FromNanoseconds(requested) : null,
            UnixTime.FromNanoseconds(observed),
            out delivered, out promised, out adequate, out desired, out reason);
    }

    /// <summary>Finds the promise in force in a cell at an instant: the last validity version starting at or before it.</summary>
    internal int FindVersion(int cell, long instant) => VersionCellPromise[FindVersionCell(cell, instant)];

    /// <summary>Finds the version cell of a plan cell at an instant: that of the last validity version starting at or before it (every cell's first version starts at the earliest instant).</summary>
    internal int FindVersionCell(int cell, long instant)
    {
        var start = CellVersionStart[cell];
        var count = CellVersionCount[cell];
        var found = 0;
        for (var k = 1; k < count && VersionStarts[start + k] <= instant; k++)
        {
            found = k;
        }

        return found == 0 ? cell : ExtraVersionCellStart[cell] + found;
    }

    private static long ToBound(Instant instant)
        => instant <= UnixTime.MinValue ? long.MinValue : instant >= UnixTime.MaxValue ? long.MaxValue : UnixTime.ToNanoseconds(instant);

    private void AddVersions(List<int> candidates, List<long> starts, List<int> promises)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        // Elementary intervals between all validity bounds; in each, the first candidate in force wins.
        var bounds = new SortedSet<long> { long.MinValue };
        foreach (var p in candidates)
        {
            var validity = _promises[p].Validity;
            if (validity.HasStart)
            {
                bounds.Add(ToBound(validity.Start));
            }

            if (validity.HasEnd)
            {
                bounds.Add(ToBound(validity.End));
            }
        }

        var first = starts.Count;
        foreach (var bound in bounds)
        {
            var winner = NoVersion;
            foreach (var p in candidates)
            {
                var validity = _promises[p].Validity;
                if ((!validity.HasStart || ToBound(validity.Start) <= bound) && (!validity.HasEnd || bound < ToBound(validity.End)))
                {
                    winner = p;
                    break;
                }
            }

            if (starts.Count > first && promises[^1] == winner)
            {
                continue;
            }

            starts.Add(bound);
            promises.Add(winner);
        }
    }

    private PlanCell MakeCell(Measure measure, int expectation, int staticPromise)
    {
        var cell = new PlanCell
        {
            Sign = measure.Sign,
            InverseScale = 1.0 / measure.Scale,
            Target = measure.Target ?? 0,
            Low = double.NegativeInfinity,
            High = double.PositiveInfinity,
        };
        cell.SignedInverseScale = cell.Sign * cell.InverseScale;
        switch (measure.Kind)
        {
            case MeasureKind.Count:
                cell.Low = 0;
                break;
            case MeasureKind.Duration when !measure.AllowsNegative:
                // The fast kernels refuse values below Low exactly as Measure.Admits does.
                cell.Low = 0;
                break;
            case MeasureKind.Ratio:
                cell.Low = 0;
                cell.High = 1;
                break;
            case MeasureKind.Rating:
                cell.Low = 1;
                cell.High = measure.RatingPoints;
                break;
            case MeasureKind.YesNo:
                cell.Low = 0;
                cell.High = 1;
                cell.Flags |= PlanCell.YesNoFlag;
                break;
        }

        if (measure.Target is not null)
        {
            cell.Flags |= PlanCell.TargetFlag;
        }

        // Deadlines, and promises or zones of tolerance stated by a calendar rule, resolve per outcome: the general path.
        if (measure.Kind == MeasureKind.Deadline || expectation < 0 || staticPromise < 0 || _promises[staticPromise].HasDueRule
            || _expectations[expectation].Adequate.IsCalendarRule || _expectations[expectation].Desired.IsCalendarRule)
        {
            return cell;
        }

        var promised = _promises[staticPromise].Level;
        var adequate = _expectations[expectation].Adequate.Resolve(promised);
        var desired = _expectations[expectation].Desired.Resolve(promised);

        // No delivered value at compile time: the kernel maps each row's value with the cell's target.
        var delivered = 0.0;
        if (!GapCalculator.TryMapToPolarity(measure.Sign, measure.Target, ref delivered, ref promised, ref adequate, ref desired))
        {
            return cell;
        }

        cell.Promised = promised;
        cell.Adequate = adequate;
        cell.Desired = desired;
        cell.Flags |= PlanCell.FastFlag;
        return cell;
    }

    private static FrozenDictionary<string, int> Index(IEnumerable<string> ids)
        => ids.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);

    private static int Require(FrozenDictionary<string, int> index, string id, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(id, parameterName);
        if (index.TryGetValue(id, out var i))
        {
            return i;
        }

        ThrowUnknown(id, what, parameterName);
        return -1;
    }

    private static bool TryFind(FrozenDictionary<string, int> index, string id, out int found)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (index.TryGetValue(id, out found))
        {
            return true;
        }

        found = -1;
        return false;
    }

    [DoesNotReturn]
    private static void ThrowUnknown(string id, string what, string parameterName)
        => throw new ArgumentException($"The model defines no {what} '{id}'.", parameterName);

    private static ulong FingerprintOf(ScoringModel model)
    {
        var json = new System.Buffers.ArrayBufferWriter<byte>(4096);
        ModelFiles.ModelJsonWriter.Write(model, json);
        var hash = 14695981039346656037UL;
        foreach (var b in json.WrittenSpan)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash == 0 ? 1 : hash;
    }
}
