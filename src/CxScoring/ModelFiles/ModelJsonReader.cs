using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxScoring.Gaps;
using CxScoring.Model;

namespace CxScoring.ModelFiles;

/// <summary>
/// Reads a model file's JSON tree into a <see cref="ScoringModel"/>, collecting every problem with its JSON path and
/// line instead of stopping at the first. Elements are fed to <see cref="ScoringModelBuilder"/>; the builder's own
/// findings are mapped back to the elements' paths. One instance reads one file.
/// </summary>
/// <remarks>
/// The reader is split by concern: this file parses and assembles; <c>ModelJsonReader.Measures.cs</c> reads
/// segments, touchpoints, measures and levels; <c>ModelJsonReader.Promises.cs</c> reads promises, scopes and
/// expectations; <c>ModelJsonReader.References.cs</c> declares ids and resolves references (with
/// <see cref="IdSuggestions"/> for "did you mean"); <c>ModelJsonReader.Properties.cs</c> reads typed properties;
/// <see cref="ModelProblemCollector"/> collects problems; <see cref="JsonSourceNode"/> is the line-tracking tree.
/// </remarks>
internal sealed partial class ModelJsonReader
{
    private static readonly string[] RootProperties = ["$schema", "schemaVersion", "name", "feltValue", "calendars", "segments", "touchpoints", "measures", "promises", "expectations"];

    /// <summary>The first schema version with the <c>calendars</c> section.</summary>
    internal const int CalendarsVersion = 2;

    /// <summary>The most problems listed in one <see cref="ScoringModelException"/>; the rest are only counted.</summary>
    internal const int MaxProblems = ModelProblemCollector.MaxProblems;

    /// <summary>The most declared ids compared with unknown ones in one file, so that "did you mean" stays bounded work.</summary>
    internal const int MaxSuggestionComparisons = IdSuggestions.MaxComparisons;

    private readonly ModelProblemCollector _problems = new();
    private readonly List<(Segment Value, string Path, long Line)> _segmentList = [];
    private readonly List<(Touchpoint Value, string Path, long Line)> _touchpointList = [];
    private readonly List<(Measure Value, string Path, long Line)> _measureList = [];
    private readonly List<(Promise Value, string Path, long Line)> _promiseList = [];
    private readonly List<(Expectation Value, string Path, long Line)> _expectationList = [];
    private int? _schemaVersion;

    internal static ScoringModel Read(ReadOnlySpan<byte> utf8, int maxDepth, string? baseDirectory = null)
    {
        var reader = new ModelJsonReader { _baseDirectory = baseDirectory };
        return reader.Read(ParseSource(utf8, maxDepth, reader._problems, syntax => new ScoringModelException([syntax])));
    }

    /// <summary>
    /// Parses a JSON file read with paths and lines (a model file, a prices file): a duplicate property becomes a
    /// problem of <paramref name="problems"/>; invalid JSON throws the exception <paramref name="invalid"/> makes of its
    /// one problem.
    /// </summary>
    internal static JsonSourceNode ParseSource(ReadOnlySpan<byte> utf8, int maxDepth, ModelProblemCollector problems, Func<ModelProblem, Exception> invalid)
    {
        try
        {
            return JsonSourceNode.Parse(
                utf8,
                maxDepth,
                (path, name, parent, line) => problems.Add(path, line, $"Duplicate property '{name}' in the object that starts on line {parent.Line}; each property may appear once."));
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : (long?)null;
            throw invalid(new ModelProblem(ex.Path ?? "$", SyntaxMessage(ex), line));
        }
    }

    private ScoringModel Read(JsonSourceNode root)
    {
        if (root.Kind != JsonSourceKind.Object)
        {
            Problem("$", root.Line, $"A model file must be a JSON object; found {root.KindName}.");
            throw Failure();
        }

        var version = Integer(root, "$", "schemaVersion", required: true);
        if (version is { } v && v is < 1 or > ScoringModelJson.SchemaVersion)
        {
            // An unknown version cannot be interpreted field by field; report only this.
            _problems.Clear();
            Problem("$.schemaVersion", root["schemaVersion"]!.Line, string.Create(CultureInfo.InvariantCulture, $"Unsupported schemaVersion {v}; this version of CxScoring reads schemaVersion 1 and {ScoringModelJson.SchemaVersion}."));
            throw Failure();
        }

        _schemaVersion = version;
        Known(root, "$", RootProperties);
        if (version is < CalendarsVersion && root["calendars"] is { } calendarsNode)
        {
            Problem("$.calendars", calendarsNode.Line, string.Create(CultureInfo.InvariantCulture, $"The 'calendars' section needs schemaVersion {CalendarsVersion}; this file says schemaVersion {version}. Set \"schemaVersion\": {CalendarsVersion}."));
        }
        else
        {
            foreach (var (node, path) in Array(root, "$", "calendars"))
            {
                ReadCalendar(node, path);
            }
        }

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
        if (_problems.Any || model is null)
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

        var measurePaths = new Dictionary<string, (string Path, long Line)>(StringComparer.Ordinal);
        foreach (var (measure, path, line) in _measureList)
        {
            if (Add(path, line, () => builder.AddMeasure(measure)))
            {
                measurePaths[measure.Id] = (path, line);
            }
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
        var builderProblems = builder.Validate(_problems.Room, out var unlisted);
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
            else if (problem.Path.StartsWith("measure '", StringComparison.Ordinal)
                     && measurePaths.TryGetValue(problem.Path["measure '".Length..^1], out var measureAt))
            {
                // The only rule the builder checks on a measure is its ratedBy reference.
                (path, line) = (ModelJsonNames.Child(measureAt.Path, "ratedBy"), measureAt.Line);
            }

            var message = problem.Message;
            message = char.ToUpperInvariant(message[0]) + message[1..];
            Problem(path, line, path == "$" ? $"{problem.Path}: {message}" : message);
        }

        _problems.CountUnlisted(unlisted);

        return _problems.Any ? null : builder.Build();
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
            Problem(path, line, ModelJsonNames.Clean(ex));
            return false;
        }
    }

    /// <summary>
    /// Says what is wrong with text that is not JSON, in plain words and without the reader's own position suffix
    /// (<c>LineNumber: 2 | BytePositionInLine: 4.</c>, 0-based): the problem carries the 1-based line already.
    /// </summary>
    internal static string SyntaxMessage(JsonException ex)
    {
        var detail = PositionSuffix().Replace(ex.Message, string.Empty).Trim();
        if (detail.Contains("trailing comma", StringComparison.OrdinalIgnoreCase))
        {
            return "The file is not valid JSON: trailing commas are not allowed; remove the ',' before the closing '}' or ']'.";
        }

        if (detail.StartsWith("'/'", StringComparison.Ordinal) || detail.Contains("comment", StringComparison.OrdinalIgnoreCase))
        {
            return "The file is not valid JSON: comments are not allowed; remove the '//' or '/* */' text (a 'description' property can hold notes on a promise).";
        }

        if (ex.BytePositionInLine is { } column && ex.LineNumber is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The file is not valid JSON at column {column + 1}: {detail}");
        }

        return $"The file is not valid JSON: {detail}";
    }

    [GeneratedRegex(@"\s*(?:Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?", RegexOptions.CultureInvariant)]
    private static partial Regex PositionSuffix();

    /// <summary>The Levenshtein distance of two strings, or <paramref name="limit"/> + 1 when it is larger than <paramref name="limit"/>.</summary>
    internal static int EditDistance(string a, string b, int limit) => IdSuggestions.EditDistance(a, b, limit);

    private void Problem(string path, long? line, string message) => _problems.Add(path, line, message);

    private ScoringModelException Failure() => _problems.ToException();
}
