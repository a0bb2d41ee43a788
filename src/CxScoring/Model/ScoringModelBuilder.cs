using CxScoring.Gaps;


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
    /// <exception cref="ArgumentException">Thrown when the identifier is taken, a reference is unknown, or a deadline rule is given for a measure that is not a deadline.</exception>
    public ScoringModelBuilder AddPromise(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var measure = RequireMeasure(promise.MeasureId, $"promise '{promise.Id}'", nameof(promise));
        RequireScope(promise.Scope, $"promise '{promise.Id}'", nameof(promise));
        if (promise.Deadline is not null && measure.Kind != MeasureKind.Deadline)
        {
            throw new ArgumentException($"Promise '{promise.Id}' has a local-time deadline, but measure '{measure.Id}' is a {measure.Kind} measure; deadline rules belong to deadline measures.", nameof(promise));
        }

        if (measure.Kind == MeasureKind.Deadline && promise.Level != 0)
        {
            throw new ArgumentException($"Promise '{promise.Id}' gives level {promise.Level} for deadline measure '{measure.Id}'; a deadline promise is always 'on time' (level 0). State tolerated lateness in the expectation instead (for example adequate = promised + 2 h).", nameof(promise));
        }

        if (!_promiseIds.Add(promise.Id))
        {
            throw new ArgumentException($"A promise with id '{promise.Id}' was added already; promise ids must be unique.", nameof(promise));
        }

        _promises.Add(promise);
        return this;
    }

    /// <summary>Adds an expectation (a zone of tolerance).</summary>
    /// <param name="expectation">The expectation; its measure and the touchpoint and segment of its scope must be added already.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">Thrown when <paramref name="expectation"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Thrown when a reference is unknown.</exception>
    public ScoringModelBuilder AddExpectation(Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        RequireMeasure(expectation.MeasureId, $"expectation for '{expectation.MeasureId}' ({expectation.Scope})", nameof(expectation));
        RequireScope(expectation.Scope, $"expectation for '{expectation.MeasureId}'", nameof(expectation));
        _expectations.Add(expectation);
        return this;
    }

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
    /// <exception cref="ScoringModelException">Thrown when any rule is broken; it lists every problem found.</exception>
    public ScoringModel Build()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
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
    /// <returns>The problems found; empty when <see cref="Build"/> would succeed.</returns>
    public IReadOnlyList<ModelProblem> Validate()
    {
        var problems = new List<ModelProblem>();
        for (var i = 0; i < _promises.Count; i++)
        {
            for (var j = i + 1; j < _promises.Count; j++)
            {
                var (a, b) = (_promises[i], _promises[j]);
                if (a.MeasureId == b.MeasureId && a.Scope == b.Scope && Overlap(a, b))
                {
                    problems.Add(new ModelProblem(
                        $"promise '{b.Id}'",
                        $"conflicts with promise '{a.Id}': both are for measure '{a.MeasureId}' with the same scope ({a.Scope}) and their validity intervals overlap ({a.Validity} and {b.Validity}). Narrow a scope or end one promise where the other starts."));
                }
            }
        }

        for (var i = 0; i < _expectations.Count; i++)
        {
            for (var j = i + 1; j < _expectations.Count; j++)
            {
                var (a, b) = (_expectations[i], _expectations[j]);
                if (a.MeasureId == b.MeasureId && a.Scope == b.Scope)
                {
                    problems.Add(new ModelProblem(
                        $"expectations[{j}]",
                        $"duplicates expectations[{i}]: both are for measure '{a.MeasureId}' with the same scope ({a.Scope})."));
                }
            }
        }

        for (var i = 0; i < _expectations.Count; i++)
        {
            var expectation = _expectations[i];
            var measure = _measuresById[expectation.MeasureId];
            var checkedAny = false;
            foreach (var promise in _promises)
            {
                if (promise.MeasureId == measure.Id && CanMeet(promise.Scope, expectation.Scope))
                {
                    checkedAny = true;
                    CheckZone(problems, i, expectation, measure, promise.Level, $" against promise '{promise.Id}' (level {promise.Level})");
                }
            }

            if (!checkedAny && !expectation.Adequate.IsRelativeToPromise && !expectation.Desired.IsRelativeToPromise)
            {
                CheckZone(problems, i, expectation, measure, 0, string.Empty);
            }
            else if (!checkedAny && measure.Kind == MeasureKind.Deadline)
            {
                CheckZone(problems, i, expectation, measure, 0, " against an on-time deadline");
            }
        }

        return problems;
    }

    private static void CheckZone(List<ModelProblem> problems, int index, Expectation expectation, Measure measure, double promised, string against)
    {
        var adequate = expectation.Adequate.Resolve(promised);
        var desired = expectation.Desired.Resolve(promised);
        var delivered = promised;
        if (!GapCalculator.TryMapToPolarity(measure.Sign, measure.Target, ref delivered, ref promised, ref adequate, ref desired))
        {
            problems.Add(new ModelProblem(
                $"expectations[{index}]",
                $"inverted zone of tolerance for measure '{measure.Id}'{against}: desired {desired} is worse than adequate {adequate} ({measure.Polarity}). Desired must be at least as good as adequate."));
        }
    }

    private static bool Overlap(Promise a, Promise b)
    {
        var aStart = a.Validity.HasStart ? a.Validity.Start : NodaTime.Instant.MinValue;
        var aEnd = a.Validity.HasEnd ? a.Validity.End : NodaTime.Instant.MaxValue;
        var bStart = b.Validity.HasStart ? b.Validity.Start : NodaTime.Instant.MinValue;
        var bEnd = b.Validity.HasEnd ? b.Validity.End : NodaTime.Instant.MaxValue;
        return aStart < bEnd && bStart < aEnd;
    }

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
}
