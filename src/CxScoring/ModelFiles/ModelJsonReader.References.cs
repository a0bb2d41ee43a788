using System.Globalization;
using CxScoring.Model;

namespace CxScoring.ModelFiles;

/// <summary>Declared ids and references between sections: duplicates are refused, unknown references get a "did you mean".</summary>
internal sealed partial class ModelJsonReader
{
    private readonly IdSuggestions _suggestions = new();
    private readonly Dictionary<string, string> _declaredTouchpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredMeasures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredSegments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _declaredPromises = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Touchpoint> _touchpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Measure> _measures = new(StringComparer.Ordinal);

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
            Problem(ModelJsonNames.Child(path, "id"), line, $"Duplicate {what} id '{id}'; it is defined first at {first}. {char.ToUpperInvariant(what[0])}{what[1..]} ids must be unique.");
            return null;
        }

        declared.Add(id, string.Create(CultureInfo.InvariantCulture, $"{path} (line {node.Line})"));
        return id;
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

        if (_problems.IsFull)
        {
            // Past the cap the problem is only counted: no message, no suggestion.
            _problems.CountUnlisted(1);
            return false;
        }

        Problem(ModelJsonNames.Child(path, property), node[property]!.Line, _suggestions.Suggest(id, declared) is { } near
            ? $"Unknown {property} '{id}'; did you mean '{near}'? Known {plural}: {IdSuggestions.Listing(declared)}."
            : $"Unknown {property} '{id}'; known {plural}: {IdSuggestions.Listing(declared)}.");
        return false;
    }
}
