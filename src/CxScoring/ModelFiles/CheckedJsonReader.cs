namespace CxScoring.ModelFiles;

/// <summary>
/// What the readers of files checked against a model share (prices files, scenario files): the problem collector, the
/// bounded "did you mean", and the checks of property names, types and ids, each problem with its JSON path and line.
/// </summary>
internal abstract class CheckedJsonReader
{
    /// <summary>Gets the problems found so far.</summary>
    protected ModelProblemCollector Problems { get; } = new();

    /// <summary>Gets the suggestions for ids and property names.</summary>
    protected IdSuggestions Suggestions { get; } = new();

    /// <summary>Checks an id against the ones the model declares; lists a problem with the nearest id and the known ones when it is not declared.</summary>
    protected bool Reference(string path, long line, string id, Dictionary<string, string> declared, string what, string plural)
    {
        if (declared.ContainsKey(id))
        {
            return true;
        }

        if (Problems.IsFull)
        {
            Problems.CountUnlisted(1);
            return false;
        }

        Problem(path, line, Suggestions.Suggest(id, declared) is { } near
            ? $"The model defines no {what} '{id}'; did you mean '{near}'? Known {plural}: {IdSuggestions.Listing(declared)}."
            : $"The model defines no {what} '{id}'; known {plural}: {IdSuggestions.Listing(declared)}.");
        return false;
    }

    /// <summary>Lists a problem, with the nearest allowed name, for each property of <paramref name="node"/> not in <paramref name="allowed"/>.</summary>
    protected void Known(JsonSourceNode node, string path, string[] allowed)
    {
        Dictionary<string, string>? names = null;
        foreach (var property in node.Properties)
        {
            if (System.Array.IndexOf(allowed, property.Key) >= 0)
            {
                continue;
            }

            if (Problems.IsFull)
            {
                Problems.CountUnlisted(1);
                continue;
            }

            names ??= Ids(allowed);
            var near = Suggestions.Suggest(property.Key, names);
            Problem(ModelJsonNames.Child(path, property.Key), property.Value.Line, near is null
                ? $"Unknown property '{property.Key}'; allowed here: {string.Join(", ", allowed)}."
                : $"Unknown property '{property.Key}'; did you mean '{near}'? Allowed here: {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>A property's value, or <see langword="null"/> when it is missing or null.</summary>
    protected static JsonSourceNode? Get(JsonSourceNode node, string name)
        => node[name] is { Kind: not JsonSourceKind.Null } value ? value : null;

    /// <summary>A property's value when it is of the kind expected; otherwise lists a problem (or, for a missing optional property, nothing) and returns <see langword="null"/>.</summary>
    protected JsonSourceNode? Typed(JsonSourceNode node, string path, string name, JsonSourceKind kind, string expected, bool required)
    {
        var value = node[name];
        if (value is null || value.Kind == JsonSourceKind.Null)
        {
            if (required)
            {
                Problem(ModelJsonNames.Child(path, name), value?.Line ?? node.Line, value is null ? $"Missing required property '{name}'." : $"Property '{name}' is required and may not be null.");
            }

            return null;
        }

        if (value.Kind != kind)
        {
            Problem(ModelJsonNames.Child(path, name), value.Line, $"Expected {expected}; found {value.KindName}.");
            return null;
        }

        return value;
    }

    /// <summary>The ids as a lookup for <see cref="Reference"/> and the suggestions.</summary>
    protected static Dictionary<string, string> Ids(IEnumerable<string> ids)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            result.TryAdd(id, id);
        }

        return result;
    }

    /// <summary>Lists a problem at a JSON path and line.</summary>
    protected void Problem(string path, long? line, string message) => Problems.Add(path, line, message);
}
