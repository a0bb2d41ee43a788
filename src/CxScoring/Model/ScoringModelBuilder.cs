using CxScoring.Calendars;
using System.Globalization;
using CxScoring.Gaps;
using NodaTime;

namespace CxScoring.Model;

/// <summary>
/// Builds an immutable <see cref="ScoringModel"/>. Each <c>Add</c> checks its element at once (identifiers unique,
/// references to measures, touchpoints and segments already added); <see cref="Build"/> checks the rules that
/// span elements (conflicting promises, duplicate expectations, inverted zones) and reports all of them together.
/// </summary>
/// <remarks>
/// Add measures, touchpoints and segments before the promises and expectations that refer to them.
/// A builder is not thread-safe; the model it builds is.
/// </remarks>
public sealed class ScoringModelBuilder
{
    private readonly string _name;
    private readonly List<Touchpoint> _touchpoints = [];
    private readonly List<Measure> _measures = [];
    private readonly List<Segment> _segments = [];
    private readonly List<Promise> _promises = [];
    private readonly List<Expectation> _expectations = [];
    private readonly Dictionary<string, Touchpoint> _touchpointsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Measure> _measuresById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _segmentIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _promiseIds = new(StringComparer.Ordinal);
    private ProspectValueFunction _feltValue = ProspectValueFunction.Default;

    /// <summary>Initializes a new instance of the <see cref="ScoringModelBuilder"/> class.</summary>
    /// <param name="name">The model's name.</param>
    /// <exception cref="ArgumentException">Thrown when <paramref name="name"/> is empty.</exception>
    public ScoringModelBuilder(string name = "model")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Adds a touchpoint.</summary>
    /// <param name="touchpoint">The touchpoint.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="touchpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a touchpoint with the same identifier was added already.</exception>
    public ScoringModelBuilder AddTouchpoint(Touchpoint touchpoint)
    {
        ArgumentNullException.ThrowIfNull(touchpoint);
        if (!_touchpointsById.TryAdd(touchpoint.Id, touchpoint))
        {
            throw new ArgumentException($"A touchpoint with id '{touchpoint.Id}' was added already; touchpoint ids must be unique.", nameof(touchpoint));
        }

        _touchpoints.Add(touchpoint);
        return this;
    }

    /// <summary>Adds a touchpoint.</summary>
    /// <param name="id">The identifier, unique within the model.</param>
    /// <param name="stage">The journey stage.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="weight">The importance weight; 1 by default.</param>
    /// <param name="name">A readable name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Thrown when an argument is invalid or the identifier is taken.</exception>
    public ScoringModelBuilder AddTouchpoint(string id, JourneyStage stage, Channel channel, double weight = 1.0, string? name = null)
        => AddTouchpoint(new Touchpoint(id, stage, channel, weight, name));

    /// <summary>Adds a measure.</summary>
    /// <param name="measure">The measure.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="measure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a measure with the same identifier was added already.</exception>
    public ScoringModelBuilder AddMeasure(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (!_measuresById.TryAdd(measure.Id, measure))
        {
            throw new ArgumentException($"A measure with id '{measure.Id}' was added already; measure ids must be unique.", nameof(measure));
        }

        _measures.Add(measure);
        return this;
    }

    /// <summary>Adds a customer segment.</summary>
    /// <param name="segment">The segment.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="segment"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a segment with the same identifier was added already.</exception>
    public ScoringModelBuilder AddSegment(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (!_segmentIds.Add(segment.Id))
        {
            throw new ArgumentException($"A segment with id '{segment.Id}' was added already; segment ids must be unique.", nameof(segment));
        }

        _segments.Add(segment);
        return this;
    }

    /// <summary>Adds a promise.</summary>
    /// <param name="promise">The promise; its measure and the touchpoint and segment of its scope must be added already.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="promise"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when the identifier is taken, a reference is unknown, or a calendar rule (deadline or business-time limit) is given for a measure that is neither a deadline nor a duration.</exception>
    public ScoringModelBuilder AddPromise(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var measure = RequireMeasure(promise.MeasureId, $"promise '{promise.Id}'", nameof(promise));
        RequireScope(promise.Scope, $"promise '{promise.Id}'", nameof(promise));
        if (promise.HasDueRule && measure.Kind is not (MeasureKind.Deadline or MeasureKind.Duration))
        {
            throw new ArgumentException($"Promise '{promise.Id}' has a {(promise.Deadline is not null ? "local-time deadline" : "business-time limit")}, but measure '{measure.Id}' is a {measure.Kind} measure; such rules belong to deadline and duration measures.", nameof(promise));
        }

        if (measure.Kind == MeasureKind.Deadline && promise.Level != 0)
        {
            throw new ArgumentException($"Promise '{promise.Id}' gives level {promise.Level} for deadline measure '{measure.Id}'; a deadline promise is always 'on time' (level 0). State tolerated lateness in the expectation instead (for example adequate = promised + 2 h).", nameof(promise));
        }

        if ((promise.Deadline?.Calendar ?? promise.Within?.Calendar) is { } calendar)
        {
            if (_calendars.TryGetValue(calendar.Id, out var known) && !known.Equals(calendar))
            {
                throw new ArgumentException($"Promise '{promise.Id}' uses calendar '{calendar.Id}', but another promise uses a different calendar with the same id; calendar ids must name one calendar.", nameof(promise));
            }
        }

        if (!_promiseIds.Add(promise.Id))
        {
            throw new ArgumentException($"A promise with id '{promise.Id}' was added already; promise ids must be unique.", nameof(promise));
        }

        if ((promise.Deadline?.Calendar ?? promise.Within?.Calendar) is { } used)
        {
            _calendars.TryAdd(used.Id, used);
        }

        _promises.Add(promise);
        return this;
    }

    /// <summary>Adds an expectation (a zone of tolerance).</summary>
    /// <param name="expectation">The expectation; its measure and the touchpoint and segment of its scope must be added already.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="expectation"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a reference is unknown, a level stated by a calendar rule (in working time) is given for a measure that is not a duration, or its calendar has the id of another calendar of the model.</exception>
    public ScoringModelBuilder AddExpectation(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        var measure = RequireMeasure(expectation.MeasureId, $"expectation for '{expectation.MeasureId}' ({expectation.Scope})", nameof(expectation));
        RequireScope(expectation.Scope, $"expectation for '{expectation.MeasureId}'", nameof(expectation));
        if ((expectation.Adequate.IsCalendarRule || expectation.Desired.IsCalendarRule) && measure.Kind != MeasureKind.Duration)
        {
            throw new ArgumentException($"The expectation for '{expectation.MeasureId}' ({expectation.Scope}) states a level in working time, but measure '{measure.Id}' is a {measure.Kind} measure; levels in working time belong to duration measures only (a deadline measure's levels are lateness: state the rule in its promise).", nameof(expectation));
        }

        var adequateCalendar = CalendarOf(expectation.Adequate);
        var desiredCalendar = CalendarOf(expectation.Desired);
        foreach (var calendar in (ReadOnlySpan<BusinessCalendar?>)[adequateCalendar, desiredCalendar])
        {
            if (calendar is not null && _calendars.TryGetValue(calendar.Id, out var known) && !known.Equals(calendar))
            {
                throw new ArgumentException($"The expectation for '{expectation.MeasureId}' ({expectation.Scope}) uses calendar '{calendar.Id}', but the model already uses a different calendar with the same id; calendar ids must name one calendar.", nameof(expectation));
            }
        }

        if (adequateCalendar is not null && desiredCalendar is not null && adequateCalendar.Id == desiredCalendar.Id && !adequateCalendar.Equals(desiredCalendar))
        {
            throw new ArgumentException($"The expectation for '{expectation.MeasureId}' ({expectation.Scope}) uses two different calendars with the id '{adequateCalendar.Id}'; calendar ids must name one calendar.", nameof(expectation));
        }

        foreach (var calendar in (ReadOnlySpan<BusinessCalendar?>)[adequateCalendar, desiredCalendar])
        {
            if (calendar is not null)
            {
                _calendars.TryAdd(calendar.Id, calendar);
            }
        }

        _expectations.Add(expectation);
        return this;
    }

    /// <summary>The business calendar of a level stated in working time, or <see langword="null"/>.</summary>
    internal static BusinessCalendar? CalendarOf(ExpectationLevel level) => level.Within?.Calendar ?? level.Deadline?.Calendar;

    /// <summary>Sets the value function for felt value.</summary>
    /// <param name="feltValue">The value function.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Thrown when <paramref name="feltValue"/> is the uninitialised default of the struct.</exception>
    public ScoringModelBuilder UseFeltValue(ProspectValueFunction feltValue)
    {
        ProspectValueFunction.ThrowIfUninitialized(feltValue, nameof(feltValue));
        _feltValue = feltValue;
        return this;
    }

    /// <summary>Checks the rules that span elements and builds the model.</summary>
    /// <returns>The immutable, thread-safe model.</returns>
    /// <exception cref="ScoringModelException">Thrown when any rule is broken; it lists the problems found, at most
    /// <see cref="MaxListedProblems"/> of them and then how many more there are.</exception>
    public ScoringModel Build()
    {
        var problems = Validate(MaxListedProblems, out var unlisted);
        if (problems.Count > 0)
        {
            if (unlisted > 0)
            {
                problems.Add(Unlisted(unlisted));
            }

            throw new ScoringModelException(problems);
        }

        return new ScoringModel(
            _name,
            [.. _touchpoints],
            [.. _measures],
            [.. _segments],
            [.. _promises],
            [.. _expectations],
            _feltValue);
    }

    /// <summary>Checks the rules that span elements without building.</summary>
    /// <returns>The problems found; empty when <see cref="Build"/> would succeed. Promises that overlap on one measure
    /// and scope are reported once per group, as are repeated expectations, so the list grows at most linearly with
    /// the model.</returns>
    public IReadOnlyList<ModelProblem> Validate() => Validate(int.MaxValue, out _);

    /// <summary>The most problems <see cref="Build"/> lists (and a model file's reader), the rest only counted.</summary>
    internal const int MaxListedProblems = 200;

    internal static ModelProblem Unlisted(int unlisted)
        => new("$", string.Create(CultureInfo.InvariantCulture, $"…and {unlisted} more problems, not listed; fix the ones above first."));

    /// <summary>
    /// Checks the rules that span elements in time and memory linear in the model (apart from sorting): conflicting
    /// promises and repeated expectations are found by grouping, not by comparing pairs, and are reported once per
    /// group. At most <paramref name="limit"/> problems are built; the rest are only counted in <paramref name="unlisted"/>.
    /// </summary>
    internal List<ModelProblem> Validate(int limit, out int unlisted)
    {
        var sink = new ProblemSink(limit);
        CheckConflictingPromises(sink);
        var firstOfGroup = CheckRepeatedExpectations(sink);
        CheckZones(sink, firstOfGroup);
        CheckRatedBy(sink);
        unlisted = sink.Unlisted;
        return sink.Problems;
    }

    private void CheckConflictingPromises(ProblemSink sink)
    {
        var groups = new Dictionary<(string Measure, Scope Scope), List<int>>();
        for (var i = 0; i < _promises.Count; i++)
        {
            var key = (_promises[i].MeasureId, _promises[i].Scope);
            if (!groups.TryGetValue(key, out var members))
            {
                groups.Add(key, members = []);
            }

            members.Add(i);
        }

        var cluster = new List<int>();
        foreach (var members in groups.Values)
        {
            if (members.Count < 2)
            {
                continue;
            }

            // Sweep the validity intervals in order of start: a promise that starts before the latest end so far
            // overlaps an earlier one of its cluster.
            members.Sort((x, y) => StartOf(_promises[x]).CompareTo(StartOf(_promises[y])) is var c && c != 0 ? c : x.CompareTo(y));
            cluster.Clear();
            var end = Instant.MinValue;
            foreach (var index in members)
            {
                var promise = _promises[index];
                if (cluster.Count > 0 && StartOf(promise) >= end)
                {
                    ReportConflict(sink, cluster);
                    cluster.Clear();
                }

                if (cluster.Count == 0 || EndOf(promise) > end)
                {
                    end = EndOf(promise);
                }

                cluster.Add(index);
            }

            ReportConflict(sink, cluster);
        }
    }

    private void ReportConflict(ProblemSink sink, List<int> cluster)
    {
        if (cluster.Count < 2 || !sink.Reserve())
        {
            return;
        }

        // Name the two promises first in the model, as a pair check would have; count the rest.
        cluster.Sort();
        var (a, b) = (_promises[cluster[0]], _promises[cluster[1]]);
        if (cluster.Count == 2)
        {
            sink.Add(new ModelProblem(
                $"promise '{b.Id}'",
                $"conflicts with promise '{a.Id}': both are for measure '{a.MeasureId}' with the same scope ({a.Scope}) and their validity intervals overlap ({a.Validity} and {b.Validity}). Narrow a scope or end one promise where the other starts."));
            return;
        }

        sink.Add(new ModelProblem(
            $"promise '{b.Id}'",
            string.Create(CultureInfo.InvariantCulture, $"conflicts with promise '{a.Id}' and {cluster.Count - 2:N0} more: promises '{a.Id}', '{b.Id}' and {cluster.Count - 2:N0} more are all for measure '{a.MeasureId}' with the same scope ({a.Scope}) and their validity intervals overlap (first {a.Validity} and {b.Validity}). Keep one promise in force at a time: narrow a scope or end one promise where the next starts.")));
    }

    /// <summary>Checks that each measure's <see cref="Measure.RatedBy"/> names a perceived measure of the model.</summary>
    private void CheckRatedBy(ProblemSink sink)
    {
        foreach (var measure in _measures)
        {
            if (measure.RatedBy is not { } ratedBy)
            {
                continue;
            }

            var found = _measuresById.TryGetValue(ratedBy, out var perceived);
            if ((found && perceived!.Source == MeasureSource.Perceived) || !sink.Reserve())
            {
                continue;
            }

            sink.Add(new ModelProblem(
                $"measure '{measure.Id}'",
                found
                    ? $"is rated by measure '{ratedBy}', which is a delivered measure: the ratings carried on outcomes are scored by a perceived measure (source perceived)."
                    : $"is rated by measure '{ratedBy}', which has not been added. Known measures: {Known(_measuresById.Keys)}."));
        }
    }

    /// <summary>Reports expectations repeated for one measure and scope, once per group.</summary>
    /// <returns>For each expectation, whether it is the first of its measure and scope.</returns>
    private bool[] CheckRepeatedExpectations(ProblemSink sink)
    {
        var firstOfGroup = new bool[_expectations.Count];
        var groups = new Dictionary<(string Measure, Scope Scope), (int First, int Second, int Count)>();
        for (var i = 0; i < _expectations.Count; i++)
        {
            var key = (_expectations[i].MeasureId, _expectations[i].Scope);
            if (groups.TryGetValue(key, out var group))
            {
                groups[key] = (group.First, group.Count == 1 ? i : group.Second, group.Count + 1);
            }
            else
            {
                groups.Add(key, (i, -1, 1));
                firstOfGroup[i] = true;
            }
        }

        foreach (var (first, second, count) in groups.Values)
        {
            if (count < 2 || !sink.Reserve())
            {
                continue;
            }

            var a = _expectations[first];
            sink.Add(new ModelProblem(
                string.Create(CultureInfo.InvariantCulture, $"expectations[{second}]"),
                count == 2
                    ? string.Create(CultureInfo.InvariantCulture, $"duplicates expectations[{first}]: both are for measure '{a.MeasureId}' with the same scope ({a.Scope}).")
                    : string.Create(CultureInfo.InvariantCulture, $"duplicates expectations[{first}] (and {count - 2:N0} more expectations): all {count:N0} are for measure '{a.MeasureId}' with the same scope ({a.Scope}). Keep one expectation per measure and scope.")));
        }

        return firstOfGroup;
    }

    /// <summary>
    /// Checks each expectation's zone against the levels of the promises it can meet. A zone with absolute levels
    /// does not depend on the promise and is checked once; a relative zone is checked against each distinct level
    /// of the promises of one measure and scope, and only the first expectation of a repeated group is checked
    /// (the repetition is reported already). At most one inverted zone is reported per expectation.
    /// </summary>
    private void CheckZones(ProblemSink sink, bool[] firstOfGroup)
    {
        // Distinct promise levels per measure and scope, with the first promise that states each.
        var levels = new Dictionary<string, Dictionary<Scope, Dictionary<double, Promise>>>(StringComparer.Ordinal);
        foreach (var promise in _promises)
        {
            if (promise.HasDueRule && _measuresById[promise.MeasureId].Kind != MeasureKind.Deadline)
            {
                // A calendar rule on a duration measure promises each request its own duration: checked per outcome (InvertedZone).
                continue;
            }

            if (!levels.TryGetValue(promise.MeasureId, out var byScope))
            {
                levels.Add(promise.MeasureId, byScope = []);
            }

            if (!byScope.TryGetValue(promise.Scope, out var byLevel))
            {
                byScope.Add(promise.Scope, byLevel = []);
            }

            byLevel.TryAdd(promise.Level, promise);
        }

        for (var i = 0; i < _expectations.Count; i++)
        {
            var expectation = _expectations[i];
            var measure = _measuresById[expectation.MeasureId];
            if (expectation.Adequate.IsCalendarRule || expectation.Desired.IsCalendarRule)
            {
                // Levels in working time vary per request: checked per outcome (InvertedZone).
                continue;
            }

            var relative = expectation.Adequate.IsRelativeToPromise || expectation.Desired.IsRelativeToPromise;
            if (!relative)
            {
                CheckZone(sink, i, expectation, measure, 0, string.Empty);
                continue;
            }

            if (!firstOfGroup[i])
            {
                continue;
            }

            var checkedAny = false;
            var reported = false;
            if (levels.TryGetValue(measure.Id, out var byScope))
            {
                foreach (var (scope, byLevel) in byScope)
                {
                    if (!CanMeet(scope, expectation.Scope))
                    {
                        continue;
                    }

                    checkedAny = true;
                    foreach (var (level, promise) in byLevel)
                    {
                        if (!reported && IsInverted(expectation, measure, level))
                        {
                            CheckZone(sink, i, expectation, measure, level, $" against promise '{promise.Id}' (level {level.ToString(CultureInfo.InvariantCulture)})");
                            reported = true;
                        }
                    }

                    if (reported)
                    {
                        break;
                    }
                }
            }

            if (!checkedAny && measure.Kind == MeasureKind.Deadline)
            {
                CheckZone(sink, i, expectation, measure, 0, " against an on-time deadline");
            }
        }
    }

    private static bool IsInverted(Expectation expectation, Measure measure, double promised)
    {
        var adequate = expectation.Adequate.Resolve(promised);
        var desired = expectation.Desired.Resolve(promised);
        var delivered = promised;
        return !GapCalculator.TryMapToPolarity(measure.Sign, measure.Target, ref delivered, ref promised, ref adequate, ref desired);
    }

    private static void CheckZone(ProblemSink sink, int index, Expectation expectation, Measure measure, double promised, string against)
    {
        var adequate = expectation.Adequate.Resolve(promised);
        var desired = expectation.Desired.Resolve(promised);
        var delivered = promised;
        if (!GapCalculator.TryMapToPolarity(measure.Sign, measure.Target, ref delivered, ref promised, ref adequate, ref desired) && sink.Reserve())
        {
            sink.Add(new ModelProblem(
                string.Create(CultureInfo.InvariantCulture, $"expectations[{index}]"),
                $"inverted zone of tolerance for measure '{measure.Id}'{against}: desired {desired} is worse than adequate {adequate} ({measure.Polarity}). Desired must be at least as good as adequate."));
        }
    }

    private static Instant StartOf(Promise promise) => promise.Validity.HasStart ? promise.Validity.Start : Instant.MinValue;

    private static Instant EndOf(Promise promise) => promise.Validity.HasEnd ? promise.Validity.End : Instant.MaxValue;

    private static bool CanMeet(Scope promise, Scope expectation)
        => (promise.TouchpointId is null || expectation.TouchpointId is null || promise.TouchpointId == expectation.TouchpointId)
           && (promise.Channel is null || expectation.Channel is null || promise.Channel == expectation.Channel)
           && (promise.SegmentId is null || expectation.SegmentId is null || promise.SegmentId == expectation.SegmentId);

    private Measure RequireMeasure(string measureId, string owner, string parameterName)
    {
        if (_measuresById.TryGetValue(measureId, out var measure))
        {
            return measure;
        }

        throw new ArgumentException(
            $"The {owner} refers to measure '{measureId}', which has not been added. Known measures: {Known(_measuresById.Keys)}.",
            parameterName);
    }

    private void RequireScope(Scope scope, string owner, string parameterName)
    {
        if (scope.TouchpointId is { } touchpointId)
        {
            if (!_touchpointsById.TryGetValue(touchpointId, out var touchpoint))
            {
                throw new ArgumentException(
                    $"The {owner} is scoped to touchpoint '{touchpointId}', which has not been added. Known touchpoints: {Known(_touchpointsById.Keys)}.",
                    parameterName);
            }

            if (scope.Channel is { } channel && channel != touchpoint.Channel)
            {
                throw new ArgumentException(
                    $"The {owner} is scoped to touchpoint '{touchpointId}' and channel '{channel}', but that touchpoint's channel is '{touchpoint.Channel}': the scope can never apply.",
                    parameterName);
            }
        }

        if (scope.SegmentId is { } segmentId && !_segmentIds.Contains(segmentId))
        {
            throw new ArgumentException(
                $"The {owner} is scoped to segment '{segmentId}', which has not been added. Known segments: {Known(_segmentIds)}.",
                parameterName);
        }
    }

    private static string Known(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }

    /// <summary>Collects problems up to a limit and counts the rest, so that no problem past the limit is built.</summary>
    private sealed class ProblemSink(int limit)
    {
        internal List<ModelProblem> Problems { get; } = [];

        internal int Unlisted { get; private set; }

        internal bool IsFull => Problems.Count >= limit;

        /// <summary>Makes room for one problem: <see langword="true"/> when it is to be built and added, <see langword="false"/> when it is only counted.</summary>
        internal bool Reserve()
        {
            if (!IsFull)
            {
                return true;
            }

            Unlisted++;
            return false;
        }

        internal void Add(ModelProblem problem) => Problems.Add(problem);
    }
}
