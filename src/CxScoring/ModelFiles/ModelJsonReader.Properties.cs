using System.Globalization;
using CxScoring.Text;
using NodaTime;

namespace CxScoring.ModelFiles;

/// <summary>Typed property access: each reader of a property checks presence and type and reports a problem at the property's path and line.</summary>
internal sealed partial class ModelJsonReader
{
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
            Problem(name is null ? path : ModelJsonNames.Child(path, name), name is not null && node[name] is { } child ? child.Line : node.Line, ModelJsonNames.Clean(ex));
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
            Problem(name is null ? path : ModelJsonNames.Child(path, name), name is not null && node[name] is { } child ? child.Line : node.Line, ModelJsonNames.Clean(ex));
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
                if (_problems.IsFull)
                {
                    // Not listed anyway: count without building the path and message (an object may have millions).
                    _problems.CountUnlisted(1);
                    continue;
                }

                Problem(ModelJsonNames.Child(path, property.Key), property.Value.Line, $"Unknown property '{property.Key}'; allowed here: {string.Join(", ", allowed)}.");
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
                Problem(ModelJsonNames.Child(path, name), value?.Line ?? node.Line, value is null ? $"Missing required property '{name}'." : $"Property '{name}' is required and may not be null.");
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
            Problem(ModelJsonNames.Child(path, name), value.Line, $"Expected {expected}; found {value.KindName}.");
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
            Problem(ModelJsonNames.Child(path, name), value.Line, $"{value.Text} is not a finite number.");
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

        Problem(ModelJsonNames.Child(path, name), value.Line, $"Expected a boolean (true or false); found {value.KindName}.");
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
            Problem(ModelJsonNames.Child(path, name), value.Line, $"Expected an integer; found {value.Text}.");
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

        Problem(ModelJsonNames.Child(path, name), value.Line, value.Kind == JsonSourceKind.String
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

        Problem(ModelJsonNames.Child(path, name), node[name]!.Line, $"'{text}' is not an ISO-8601 instant; use UTC such as '2025-03-01T00:00:00Z' or an offset such as '2025-03-01T01:00:00+01:00'.");
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
            if (ModelJsonNames.Camel(value) == text)
            {
                return value;
            }
        }

        var names = System.Enum.GetValues<T>().Select(v => ModelJsonNames.Camel(v));
        Problem(ModelJsonNames.Child(path, name), node[name]!.Line, $"'{text}' is not a valid {name}; use one of: {string.Join(", ", names)}.");
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
}
