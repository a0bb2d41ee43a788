using System.Globalization;
using System.Text.Json;
using CxScoring.Gaps;
using CxScoring.Model;
using CxScoring.Text;
using NodaTime;
using NodaTime.Text;

namespace CxScoring.ModelFiles;

/// <summary>
/// Reads a model file's JSON tree into a <see cref="ScoringModel"/>, collecting every problem with its JSON path and
/// line instead of stopping at the first. Elements are fed to <see cref="ScoringModelBuilder"/>; the builder's own
/// findings are mapped back to the elements' paths. One instance reads one file.
/// </summary>
internal sealed class ModelJsonReader
{
    private static readonly string[] RootProperties = ["$schema", "schemaVersion", "name", "feltValue", "segments", "touchpoints", "measures", "promises", "expectations"];
    private static readonly LocalTimePattern ShortTime = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The most problems listed in one <see cref="ScoringModelException"/>; the rest are only counted.</summary>
    internal const int MaxProblems = 200;

    private const int MaxListed = 10;
    private const int MaxSuggestionDistance = 2;

    /// <summary>The most declared ids compared with unknown ones in one file, so that "did you mean" stays bounded work.</summary>
    internal const int MaxSuggestionComparisons = 200_000;

    private readonly List<ModelProblem> _problems = [];
    private readonly Dictionary<Dictionary<string, string>, SuggestionIndex> _suggestions = new(ReferenceEqualityComparer.Instance);
    private int _suggestionBudget = MaxSuggestionComparisons;
    private int _unlisted;
    private readonly Dictionary<string, string> _declaredTouchpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredMeasures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredSegments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredPromises = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Touchpoint> _touchpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Measure> _measures = new(StringComparer.Ordinal);
    private readonly List<(Segment Value, string Path, long Line)> _segmentList = [];
    private readonly List<(Touchpoint Value, string Path, long Line)> _touchpointList = [];
    private readonly List<(Measure Value, string Path, long Line)> _measureList = [];
    private readonly List<(Promise Value, string Path, long Line)> _promiseList = [];
    private readonly List<(Expectation Value, string Path, long Line)> _expectationList = [];

    internal static ScoringModel Read(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new ModelJsonReader();
        JsonSourceNode root;
        try
        {
            root = JsonSourceNode.Parse(
                utf8,
                maxDepth,
                (path, name, parent, line) => reader.Problem(path, line, $"Duplicate property '{name}' in the object that starts on line {parent.Line}; each property may appear once."));
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : (long?)null;
            throw new ScoringModelException([new ModelProblem(ex.Path ?? "$", $"The file is not valid JSON: {ex.Message}", line)]);
        }

        return reader.Read(root);
    }

    private ScoringModel Read(JsonSourceNode root)
    {
        if (root.Kind != JsonSourceKind.Object)
        {
            Problem("$", root.Line, $"A model file must be a JSON object; found {root.KindName}.");
            throw Failure();
        }

        var version = Integer(root, "$", "schemaVersion", required: true);
        if (version is { } v && v != ScoringModelJson.SchemaVersion)
        {
            // An unknown version cannot be interpreted field by field; report only this.
            _problems.Clear();
            _unlisted = 0;
            Problem("$.schemaVersion", root["schemaVersion"]!.Line, string.Create(CultureInfo.InvariantCulture, $"Unsupported schemaVersion {v}; this version of CxScoring reads schemaVersion {ScoringModelJson.SchemaVersion}."));
            throw Failure();
        }

        Known(root, "$", RootProperties);
        var name = String(root, "$", "name", required: true);
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            Problem("$.name", root["name"]!.Line, "The model name must not be empty.");
            name = null;
        }

        var feltValue = ReadFeltValue(root);
        foreach (var (node, path) in Array(root, "$", "segments"))
        {
            ReadSegment(node, path);
        }

        foreach (var (node, path) in Array(root, "$", "touchpoints"))
        {
            ReadTouchpoint(node, path);
        }

        foreach (var (node, path) in Array(root, "$", "measures"))
        {
            ReadMeasure(node, path);
        }

        foreach (var (node, path) in Array(root, "$", "promises"))
        {
            ReadPromise(node, path);
        }

        foreach (var (node, path) in Array(root, "$", "expectations"))
        {
            ReadExpectation(node, path);
        }

        var model = Build(name ?? "model", feltValue);
        if (_problems.Count > 0 || _unlisted > 0 || model is null)
        {
            throw Failure();
        }

        return model;
    }

    private ScoringModel? Build(string name, ProspectValueFunction? feltValue)
    {
        var builder = new ScoringModelBuilder(name);
        if (feltValue is { } felt)
        {
            builder.UseFeltValue(felt);
        }

        var promisePaths = new Dictionary<string, (string Path, long Line)>(StringComparer.Ordinal);
        var expectationPaths = new List<(string Path, long Line)>();
        foreach (var (segment, path, line) in _segmentList)
        {
            Add(path, line, () => builder.AddSegment(segment));
        }

        foreach (var (touchpoint, path, line) in _touchpointList)
        {
            Add(path, line, () => builder.AddTouchpoint(touchpoint));
        }

        foreach (var (measure, path, line) in _measureList)
        {
            Add(path, line, () => builder.AddMeasure(measure));
        }

        foreach (var (promise, path, line) in _promiseList)
        {
            if (Add(path, line, () => builder.AddPromise(promise)))
            {
                promisePaths[promise.Id] = (path, line);
            }
        }

        foreach (var (expectation, path, line) in _expectationList)
        {
            if (Add(path, line, () => builder.AddExpectation(expectation)))
            {
                expectationPaths.Add((path, line));
            }
        }

        // The builder builds no problem past the cap; it only counts them.
        var builderProblems = builder.Validate(Math.Max(0, MaxProblems - _problems.Count), out var unlisted);
        foreach (var problem in builderProblems)
        {
            var (path, line) = ("$", (long?)null);
            if (problem.Path.StartsWith("expectations[", StringComparison.Ordinal)
                && int.TryParse(problem.Path.AsSpan()["expectations[".Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < expectationPaths.Count)
            {
                (path, line) = expectationPaths[index];
            }
            else if (problem.Path.StartsWith("promise '", StringComparison.Ordinal)
                     && promisePaths.TryGetValue(problem.Path["promise '".Length..^1], out var found))
            {
                (path, line) = found;
            }

            var message = problem.Message;
            message = char.ToUpperInvariant(message[0]) + message[1..];
            Problem(path, line, path == "$" ? $"{problem.Path}: {message}" : message);
        }

        _unlisted += unlisted;

        return _problems.Count == 0 && _unlisted == 0 ? builder.Build() : null;
    }

    private bool Add(string path, long line, Action add)
    {
        try
        {
            add();
            return true;
        }
        catch (ArgumentException ex)
        {
            Problem(path, line, Clean(ex));
            return false;
        }
    }

    private ProspectValueFunction? ReadFeltValue(JsonSourceNode root)
    {
        if (Object(root, "$", "feltValue") is not { } node)
        {
            return null;
        }

        const string path = "$.feltValue";
        Known(node, path, ["alpha", "beta", "lambda"]);
        var alpha = Number(node, path, "alpha", required: true);
        var beta = Number(node, path, "beta", required: true);
        var lambda = Number(node, path, "lambda", required: true);
        if (alpha is null || beta is null || lambda is null)
        {
            return null;
        }

        return CreateValue(path, node, () => new ProspectValueFunction(alpha.Value, beta.Value, lambda.Value), p => p);
    }

    private void ReadSegment(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "name"]);
        var id = Id(node, path, "segment", _declaredSegments);
        var name = String(node, path, "name", required: false);
        if (id is not null && Create(path, node, () => new Segment(id, name), _ => "id") is { } segment)
        {
            _segmentList.Add((segment, path, node.Line));
        }
    }

    private void ReadTouchpoint(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "name", "stage", "channel", "weight", "owner"]);
        var id = Id(node, path, "touchpoint", _declaredTouchpoints);
        var name = String(node, path, "name", required: false);
        var stage = Enum<JourneyStage>(node, path, "stage", required: true);
        var channel = ReadChannel(node, path);
        var weight = Number(node, path, "weight", required: false) ?? 1.0;
        var owner = String(node, path, "owner", required: false);
        if (id is not null && stage is not null && channel is not null
            && Create(path, node, () => new Touchpoint(id, stage.Value, channel.Value, weight, name, owner), p => p) is { } touchpoint)
        {
            _touchpointList.Add((touchpoint, path, node.Line));
            _touchpoints.Add(id, touchpoint);
        }
    }

    private Channel? ReadChannel(JsonSourceNode node, string path, bool required = true)
    {
        var text = String(node, path, "channel", required);
        if (text is null)
        {
            return null;
        }

        if (Channel.TryParse(text, out var channel))
        {
            return channel;
        }

        try
        {
            Channel.Custom(text);
        }
        catch (ArgumentException ex)
        {
            Problem(Child(path, "channel"), node["channel"]!.Line, Clean(ex));
        }

        return null;
    }

    private void ReadMeasure(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        var id = Id(node, path, "measure", _declaredMeasures);
        var kind = Enum<MeasureKind>(node, path, "kind", required: true);
        if (kind is null)
        {
            Known(node, path, ["id", "kind", "polarity", "unit", "currency", "scale", "target", "points"]);
            return;
        }

        Measure? measure = null;
        switch (kind.Value)
        {
            case MeasureKind.Duration:
            {
                Known(node, path, ["id", "kind", "polarity", "scale", "allowNegative"]);
                var polarity = Enum<Polarity>(node, path, "polarity", required: false) ?? Polarity.LowerIsBetter;
                var scale = DurationValue(node, path, "scale", required: true);
                var allowNegative = Boolean(node, path, "allowNegative") ?? false;
                if (id is not null && scale is not null)
                {
                    measure = Create(path, node, () => Measure.Duration(id, scale.Value, polarity, allowNegative), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Deadline:
            {
                Known(node, path, ["id", "kind", "scale"]);
                var scale = DurationValue(node, path, "scale", required: true);
                if (id is not null && scale is not null)
                {
                    measure = Create(path, node, () => Measure.Deadline(id, scale.Value), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Count:
            {
                Known(node, path, ["id", "kind", "polarity", "unit", "scale", "target"]);
                var polarity = Enum<Polarity>(node, path, "polarity", required: false) ?? Polarity.LowerIsBetter;
                var unit = String(node, path, "unit", required: false) ?? "count";
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null)
                {
                    measure = Create(path, node, () => Measure.Count(id, scale.Value, polarity, unit, target), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Ratio:
            {
                Known(node, path, ["id", "kind", "polarity", "scale", "target"]);
                var polarity = Enum<Polarity>(node, path, "polarity", required: false) ?? Polarity.HigherIsBetter;
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null)
                {
                    measure = Create(path, node, () => Measure.Ratio(id, scale.Value, polarity, target), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Money:
            {
                Known(node, path, ["id", "kind", "polarity", "currency", "scale", "target"]);
                var polarity = Enum<Polarity>(node, path, "polarity", required: false) ?? Polarity.NearerToTargetIsBetter;
                var currency = String(node, path, "currency", required: true);
                var scale = Number(node, path, "scale", required: true);
                var target = Number(node, path, "target", required: false);
                if (id is not null && scale is not null && currency is not null)
                {
                    measure = Create(path, node, () => Measure.Money(id, currency, scale.Value, polarity, target), MeasureProperty);
                }

                break;
            }

            case MeasureKind.Rating:
            {
                Known(node, path, ["id", "kind", "points", "scale"]);
                var points = Integer(node, path, "points", required: true);
                var scale = Number(node, path, "scale", required: false) ?? 0;
                if (id is not null && points is not null)
                {
                    measure = Create(path, node, () => Measure.Rating(id, points.Value, scale), MeasureProperty);
                }

                break;
            }

            default:
                Known(node, path, ["id", "kind"]);
                if (id is not null)
                {
                    measure = Create(path, node, () => Measure.YesNo(id), MeasureProperty);
                }

                break;
        }

        if (measure is not null)
        {
            _measureList.Add((measure, path, node.Line));
            _measures.Add(measure.Id, measure);
        }

        static string? MeasureProperty(string? parameter) => parameter switch
        {
            "id" or "polarity" or "scale" or "target" or "unit" or "currency" => parameter,
            "points" => "points",
            _ => null,
        };
    }

    private void ReadPromise(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["id", "measure", "level", "source", "validFrom", "validTo", "scope", "deadline", "description"]);
        var id = Id(node, path, "promise", _declaredPromises);
        var (measure, measureOk) = MeasureReference(node, path);
        var source = Enum<PromiseSource>(node, path, "source", required: true);
        var from = InstantValue(node, path, "validFrom");
        var to = InstantValue(node, path, "validTo");
        var description = String(node, path, "description", required: false);
        var scope = ReadScope(node, path);
        double level = 0;
        var levelOk = true;
        if (measure is not null)
        {
            if (measure.Kind == MeasureKind.Deadline)
            {
                if (node["level"] is { } levelNode)
                {
                    Problem(Child(path, "level"), levelNode.Line, $"Measure '{measure.Id}' is a deadline measure: its promise has no level (lateness 0 is on time). Remove 'level'; give a 'deadline' rule, or let each outcome carry 'promisedBy'.");
                    levelOk = false;
                }
            }
            else if (node["level"] is null)
            {
                Problem(Child(path, "level"), node.Line, "Missing required property 'level'.");
                levelOk = false;
            }
            else if (Level(node["level"]!, Child(path, "level"), measure) is { } value)
            {
                level = value;
            }
            else
            {
                levelOk = false;
            }
        }

        ZonedDeadline? deadline = null;
        var deadlineOk = true;
        if (Object(node, path, "deadline") is { } deadlineNode)
        {
            var deadlinePath = Child(path, "deadline");
            if (measure is not null && measure.Kind != MeasureKind.Deadline)
            {
                deadlineOk = false;
                Problem(deadlinePath, deadlineNode.Line, $"Measure '{measure.Id}' is a {Camel(measure.Kind)} measure; a local-time deadline rule belongs to deadline measures only.");
            }

            deadline = ReadDeadline(deadlineNode, deadlinePath);
            deadlineOk = deadline is not null && measure?.Kind == MeasureKind.Deadline;
        }

        Interval? validity = null;
        if (from is { } start && to is { } end && end < start)
        {
            Problem(Child(path, "validTo"), node["validTo"]!.Line, $"validTo {end} is before validFrom {start}: the validity interval is inverted.");
        }
        else if (from is not null || to is not null)
        {
            validity = new Interval(from, to);
        }

        if (id is not null && measureOk && source is not null && levelOk && deadlineOk && scope is not null
            && Create(path, node, () => new Promise(id, measure!.Id, level, source.Value, validity, scope.Value, deadline, description), _ => null) is { } promise)
        {
            _promiseList.Add((promise, path, node.Line));
        }
    }

    private ZonedDeadline? ReadDeadline(JsonSourceNode node, string path)
    {
        Known(node, path, ["time", "zone", "daysAfter"]);
        var timeText = String(node, path, "time", required: true);
        var zoneId = String(node, path, "zone", required: true);
        var daysAfter = Integer(node, path, "daysAfter", required: false) ?? 0;
        LocalTime? time = null;
        if (timeText is not null)
        {
            var parsed = ShortTime.Parse(timeText);
            if (!parsed.Success)
            {
                parsed = LocalTimePattern.ExtendedIso.Parse(timeText);
            }

            if (parsed.Success)
            {
                time = parsed.Value;
            }
            else
            {
                Problem(Child(path, "time"), node["time"]!.Line, $"'{timeText}' is not a local time of day; use 24-hour 'HH:mm' such as '17:00' (or 'HH:mm:ss').");
            }
        }

        DateTimeZone? zone = null;
        if (zoneId is not null)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                Problem(Child(path, "zone"), node["zone"]!.Line, $"'{zoneId}' is not a known IANA time zone id; use one such as 'Europe/Berlin' or 'America/New_York' (tz database {DateTimeZoneProviders.Tzdb.VersionId}).");
            }
        }

        if (time is null || zone is null)
        {
            return null;
        }

        return Create(path, node, () => new ZonedDeadline(time.Value, zone, daysAfter), p => p == "daysAfter" ? p : null);
    }

    private Scope? ReadScope(JsonSourceNode owner, string ownerPath)
    {
        if (Object(owner, ownerPath, "scope") is not { } node)
        {
            return owner["scope"] is { Kind: not JsonSourceKind.Null } ? null : Scope.Everywhere;
        }

        var path = Child(ownerPath, "scope");
        Known(node, path, ["touchpoint", "channel", "segment"]);
        var ok = true;
        var touchpointId = String(node, path, "touchpoint", required: false);
        Touchpoint? touchpoint = null;
        if (touchpointId is not null)
        {
            ok &= Reference(node, path, "touchpoint", touchpointId, _declaredTouchpoints, "touchpoints");
            _touchpoints.TryGetValue(touchpointId, out touchpoint);
        }

        Channel? channel = null;
        if (node["channel"] is { Kind: not JsonSourceKind.Null })
        {
            channel = ReadChannel(node, path, required: false);
            ok &= channel is not null;
            if (channel is { } c && touchpoint is not null && touchpoint.Channel != c)
            {
                Problem(Child(path, "channel"), node["channel"]!.Line, $"Touchpoint '{touchpoint.Id}' uses channel '{touchpoint.Channel}', not '{c}': the scope can never apply. Drop one of the two.");
                ok = false;
            }
        }

        var segmentId = String(node, path, "segment", required: false);
        if (segmentId is not null)
        {
            ok &= Reference(node, path, "segment", segmentId, _declaredSegments, "segments");
        }

        return ok ? CreateValue(path, node, () => new Scope(touchpointId, channel, segmentId), p => p == "touchpointId" ? "touchpoint" : p == "segmentId" ? "segment" : null) : null;
    }

    private void ReadExpectation(JsonSourceNode node, string path)
    {
        if (!IsObject(node, path))
        {
            return;
        }

        Known(node, path, ["measure", "scope", "adequate", "desired"]);
        var (measure, measureOk) = MeasureReference(node, path);
        var scope = ReadScope(node, path);
        var adequate = ExpectationLevelOf(node, path, "adequate", measure);
        var desired = ExpectationLevelOf(node, path, "desired", measure);
        if (measureOk && scope is not null && adequate is not null && desired is not null
            && Create(path, node, () => new Expectation(measure!.Id, adequate.Value, desired.Value, scope.Value), _ => null) is { } expectation)
        {
            _expectationList.Add((expectation, path, node.Line));
        }
    }

    private ExpectationLevel? ExpectationLevelOf(JsonSourceNode owner, string ownerPath, string name, Measure? measure)
    {
        if (Object(owner, ownerPath, name, required: true) is not { } node)
        {
            return null;
        }

        var path = Child(ownerPath, name);
        Known(node, path, ["value", "relativeToPromise"]);
        var absolute = node["value"];
        var relative = node["relativeToPromise"];
        if ((absolute is null) == (relative is null))
        {
            Problem(path, node.Line, "An expectation level needs exactly one of 'value' (an absolute level) or 'relativeToPromise' (an offset from the promised level).");
            return null;
        }

        if (measure is null)
        {
            return null;
        }

        var isRelative = relative is not null;
        var value = Level(relative ?? absolute!, Child(path, isRelative ? "relativeToPromise" : "value"), measure);
        if (value is null)
        {
            return null;
        }

        return isRelative ? ExpectationLevel.RelativeToPromise(value.Value) : ExpectationLevel.Absolute(value.Value);
    }

    private (Measure? Measure, bool Ok) MeasureReference(JsonSourceNode node, string path)
    {
        var id = String(node, path, "measure", required: true);
        if (id is null)
        {
            return (null, false);
        }

        var ok = Reference(node, path, "measure", id, _declaredMeasures, "measures");
        return _measures.TryGetValue(id, out var measure) ? (measure, ok) : (null, false);
    }

    private bool Reference(JsonSourceNode node, string path, string property, string id, Dictionary<string, string> declared, string plural)
    {
        if (declared.ContainsKey(id))
        {
            return true;
        }

        if (_problems.Count >= MaxProblems)
        {
            // Past the cap the problem is only counted: no message, no suggestion.
            _unlisted++;
            return false;
        }

        Problem(Child(path, property), node[property]!.Line, Suggestion(id, declared) is { } near
            ? $"Unknown {property} '{id}'; did you mean '{near}'? Known {plural}: {Listing(declared)}."
            : $"Unknown {property} '{id}'; known {plural}: {Listing(declared)}.");
        return false;
    }

    /// <summary>
    /// Names the declared id nearest to an unknown one (same id in another case, or at most two edits away). The work
    /// is bounded: only declared ids whose length is within the distance are compared, with a banded edit distance
    /// that allocates nothing; each distinct unknown id is looked up once; and one file compares at most
    /// <see cref="MaxSuggestionComparisons"/> ids in all, after which no more suggestions are made.
    /// </summary>
    private string? Suggestion(string id, Dictionary<string, string> declared)
    {
        if (!_suggestions.TryGetValue(declared, out var index) || index.DeclaredCount != declared.Count)
        {
            _suggestions[declared] = index = new SuggestionIndex(declared);
        }

        if (index.Found.TryGetValue(id, out var cached))
        {
            return cached;
        }

        string? best = null;
        var bestDistance = MaxSuggestionDistance + 1;
        for (var length = id.Length - MaxSuggestionDistance; length <= id.Length + MaxSuggestionDistance && bestDistance > 0; length++)
        {
            if (!index.ByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (_suggestionBudget <= 0)
                {
                    break;
                }

                _suggestionBudget--;
                if (string.Equals(candidate, id, StringComparison.OrdinalIgnoreCase))
                {
                    (best, bestDistance) = (candidate, 0);
                    break;
                }

                var distance = EditDistance(id, candidate, bestDistance - 1);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }
        }

        index.Found[id] = best;
        return best;
    }

    /// <summary>The declared ids of one kind by length, and the suggestions made for unknown ids of that kind.</summary>
    private sealed class SuggestionIndex
    {
        internal SuggestionIndex(Dictionary<string, string> declared)
        {
            DeclaredCount = declared.Count;
            foreach (var id in declared.Keys)
            {
                if (!ByLength.TryGetValue(id.Length, out var list))
                {
                    ByLength.Add(id.Length, list = []);
                }

                list.Add(id);
            }
        }

        internal int DeclaredCount { get; }

        internal Dictionary<int, List<string>> ByLength { get; } = [];

        internal Dictionary<string, string?> Found { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Lists at most <see cref="MaxListed"/> declared ids, with the total when there are more.</summary>
    private static string Listing(Dictionary<string, string> declared)
    {
        if (declared.Count == 0)
        {
            return "(none)";
        }

        var listed = string.Join(", ", declared.Keys.Take(MaxListed));
        return declared.Count <= MaxListed
            ? listed
            : string.Create(CultureInfo.InvariantCulture, $"{listed}, … ({declared.Count} in all)");
    }

    /// <summary>The Levenshtein distance of two strings, or <paramref name="limit"/> + 1 when it is larger than <paramref name="limit"/>.</summary>
    /// <remarks>Only the band of cells within <paramref name="limit"/> of the diagonal is computed, so the work is
    /// O(length · limit); rows of up to 256 cells live on the stack.</remarks>
    internal static int EditDistance(string a, string b, int limit)
    {
        var over = limit + 1;
        if (limit < 0 || Math.Abs(a.Length - b.Length) > limit)
        {
            return Math.Max(over, 0);
        }

        var width = b.Length + 1;
        Span<int> previous = width <= 256 ? stackalloc int[256] : new int[width];
        Span<int> current = width <= 256 ? stackalloc int[256] : new int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current[from - 1] = from == 1 ? Math.Min(i, over) : over;
            if (to < b.Length)
            {
                // The cell right of the band is read by the next row as "previous[to + 1]": keep it out of reach.
                current[to + 1] = over;
            }

            var rowMinimum = current[from - 1];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = Math.Min(value, over);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return over;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return Math.Min(previous[b.Length], over);
    }

    private double? Level(JsonSourceNode node, string path, Measure measure)
    {
        if (measure.Kind is MeasureKind.Duration or MeasureKind.Deadline)
        {
            if (node.Kind == JsonSourceKind.String && IsoDuration.TryParseSeconds(node.Text, out var seconds))
            {
                return seconds;
            }

            Problem(path, node.Line, node.Kind == JsonSourceKind.String
                ? $"'{node.Text}' is not a valid duration for {Camel(measure.Kind)} measure '{measure.Id}'; {IsoDuration.Hint}."
                : $"Expected an ISO-8601 duration string for {Camel(measure.Kind)} measure '{measure.Id}' (such as 'PT48H'); found {node.KindName}.");
            return null;
        }

        if (node.Kind == JsonSourceKind.Number && double.IsFinite(node.Number))
        {
            return node.Number;
        }

        Problem(path, node.Line, node.Kind == JsonSourceKind.Number
            ? $"{node.Text} is not a finite number."
            : $"Expected a number for {Camel(measure.Kind)} measure '{measure.Id}' (in {measure.Unit}); found {node.KindName}.");
        return null;
    }

    private string? Id(JsonSourceNode node, string path, string what, Dictionary<string, string> declared)
    {
        var id = String(node, path, "id", required: true);
        if (id is null)
        {
            return null;
        }

        var line = node["id"]!.Line;
        if (declared.TryGetValue(id, out var first))
        {
            Problem(Child(path, "id"), line, $"Duplicate {what} id '{id}'; it is defined first at {first}. {char.ToUpperInvariant(what[0])}{what[1..]} ids must be unique.");
            return null;
        }

        declared.Add(id, string.Create(CultureInfo.InvariantCulture, $"{path} (line {node.Line})"));
        return id;
    }

    private T? CreateValue<T>(string path, JsonSourceNode node, Func<T> create, Func<string?, string?> property)
        where T : struct
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            var name = property(ex.ParamName);
            Problem(name is null ? path : Child(path, name), name is not null && node[name] is { } child ? child.Line : node.Line, Clean(ex));
            return null;
        }
    }

    private TClass? Create<TClass>(string path, JsonSourceNode node, Func<TClass> create, Func<string?, string?> property)
        where TClass : class
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            var name = property(ex.ParamName);
            Problem(name is null ? path : Child(path, name), name is not null && node[name] is { } child ? child.Line : node.Line, Clean(ex));
            return null;
        }
    }

    private bool IsObject(JsonSourceNode node, string path)
    {
        if (node.Kind == JsonSourceKind.Object)
        {
            return true;
        }

        Problem(path, node.Line, $"Expected an object; found {node.KindName}.");
        return false;
    }

    private void Known(JsonSourceNode node, string path, string[] allowed)
    {
        foreach (var property in node.Properties)
        {
            if (System.Array.IndexOf(allowed, property.Key) < 0)
            {
                if (_problems.Count >= MaxProblems)
                {
                    // Not listed anyway: count without building the path and message (an object may have millions).
                    _unlisted++;
                    continue;
                }

                Problem(Child(path, property.Key), property.Value.Line, $"Unknown property '{property.Key}'; allowed here: {string.Join(", ", allowed)}.");
            }
        }
    }

    private JsonSourceNode? Get(JsonSourceNode node, string path, string name, bool required)
    {
        var value = node[name];
        if (value is null || value.Kind == JsonSourceKind.Null)
        {
            if (required)
            {
                Problem(Child(path, name), value?.Line ?? node.Line, value is null ? $"Missing required property '{name}'." : $"Property '{name}' is required and may not be null.");
            }

            return null;
        }

        return value;
    }

    private JsonSourceNode? Typed(JsonSourceNode node, string path, string name, bool required, JsonSourceKind kind, string expected)
    {
        var value = Get(node, path, name, required);
        if (value is null)
        {
            return null;
        }

        if (value.Kind != kind)
        {
            Problem(Child(path, name), value.Line, $"Expected {expected}; found {value.KindName}.");
            return null;
        }

        return value;
    }

    private string? String(JsonSourceNode node, string path, string name, bool required)
        => Typed(node, path, name, required, JsonSourceKind.String, "a string")?.Text;

    private JsonSourceNode? Object(JsonSourceNode node, string path, string name, bool required = false)
        => Typed(node, path, name, required, JsonSourceKind.Object, "an object");

    private double? Number(JsonSourceNode node, string path, string name, bool required)
    {
        var value = Typed(node, path, name, required, JsonSourceKind.Number, "a number");
        if (value is null)
        {
            return null;
        }

        if (!double.IsFinite(value.Number))
        {
            Problem(Child(path, name), value.Line, $"{value.Text} is not a finite number.");
            return null;
        }

        return value.Number;
    }

    private bool? Boolean(JsonSourceNode node, string path, string name)
    {
        var value = node[name];
        if (value is null || value.Kind == JsonSourceKind.Null)
        {
            return null;
        }

        if (value.Kind == JsonSourceKind.Boolean)
        {
            return value.Boolean;
        }

        Problem(Child(path, name), value.Line, $"Expected a boolean (true or false); found {value.KindName}.");
        return null;
    }

    private int? Integer(JsonSourceNode node, string path, string name, bool required)
    {
        var value = Typed(node, path, name, required, JsonSourceKind.Number, "an integer");
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            Problem(Child(path, name), value.Line, $"Expected an integer; found {value.Text}.");
            return null;
        }

        return result;
    }

    private Duration? DurationValue(JsonSourceNode node, string path, string name, bool required)
    {
        var value = Get(node, path, name, required);
        if (value is null)
        {
            return null;
        }

        if (value.Kind == JsonSourceKind.String && IsoDuration.TryParse(value.Text, out var duration))
        {
            return duration;
        }

        Problem(Child(path, name), value.Line, value.Kind == JsonSourceKind.String
            ? $"'{value.Text}' is not a valid duration; {IsoDuration.Hint}."
            : $"Expected an ISO-8601 duration string such as 'PT48H'; found {value.KindName}.");
        return null;
    }

    private Instant? InstantValue(JsonSourceNode node, string path, string name)
    {
        var text = String(node, path, name, required: false);
        if (text is null)
        {
            return null;
        }

        if (Instants.TryParse(text, out var instant))
        {
            return instant;
        }

        Problem(Child(path, name), node[name]!.Line, $"'{text}' is not an ISO-8601 instant; use UTC such as '2025-03-01T00:00:00Z' or an offset such as '2025-03-01T01:00:00+01:00'.");
        return null;
    }

    private T? Enum<T>(JsonSourceNode node, string path, string name, bool required)
        where T : struct, Enum
    {
        var text = String(node, path, name, required);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (Camel(value) == text)
            {
                return value;
            }
        }

        var names = System.Enum.GetValues<T>().Select(v => Camel(v));
        Problem(Child(path, name), node[name]!.Line, $"'{text}' is not a valid {name}; use one of: {string.Join(", ", names)}.");
        return null;
    }

    private IEnumerable<(JsonSourceNode Node, string Path)> Array(JsonSourceNode root, string path, string name)
    {
        var node = Typed(root, path, name, required: false, JsonSourceKind.Array, "an array");
        if (node is null)
        {
            yield break;
        }

        for (var i = 0; i < node.Items.Count; i++)
        {
            yield return (node.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{i}]"));
        }
    }

    private void Problem(string path, long? line, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new ModelProblem(path, message, line));
        }
        else
        {
            _unlisted++;
        }
    }

    private ScoringModelException Failure()
    {
        var problems = _problems.OrderBy(p => p.Line ?? long.MaxValue).ToList();
        if (_unlisted > 0)
        {
            problems.Add(new ModelProblem("$", string.Create(CultureInfo.InvariantCulture, $"…and {_unlisted} more problems, not listed; fix the ones above first."), null));
        }

        return new(problems);
    }

    internal static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    internal static string Child(string path, string name)
        => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{name}" : $"{path}['{name}']";

    private static string Clean(ArgumentException ex)
    {
        var message = ex.Message;
        if (ex.ParamName is { } parameter)
        {
            message = message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}
