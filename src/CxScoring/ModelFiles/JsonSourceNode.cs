using System.Text.Json;

namespace CxScoring.ModelFiles;

/// <summary>The kind of a JSON value read from a model file.</summary>
internal enum JsonSourceKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A JSON value read from a model file together with the line it starts on. <see cref="JsonElement"/> does not
/// keep source positions, so model files are read into this small tree instead; it is built once and only read.
/// Child lists are allocated only for non-empty containers, a number keeps its source text only when it is not a
/// finite double, and objects with many properties index them by name, so hostile input costs linear time and a
/// bounded amount of memory per value (at most <see cref="MaxValues"/> values are read).
/// </summary>
internal sealed class JsonSourceNode
{
    /// <summary>The most JSON values (objects, arrays, strings, numbers, booleans, nulls) one document may hold.</summary>
    internal const int MaxValues = 2_000_000;

    private const int IndexThreshold = 8;
    private static readonly KeyValuePair<string, JsonSourceNode>[] NoProperties = [];
    private static readonly JsonSourceNode[] NoItems = [];

    private readonly string? _text;
    private List<KeyValuePair<string, JsonSourceNode>>? _properties;
    private Dictionary<string, JsonSourceNode>? _index;
    private List<JsonSourceNode>? _items;

    private JsonSourceNode(JsonSourceKind kind, long line, string? text = null)
    {
        Kind = kind;
        Line = line;
        _text = text;
    }

    internal JsonSourceKind Kind { get; }

    internal long Line { get; }

    /// <summary>Gets the value of a string, or the text of a number (its source text when it is not a finite double).</summary>
    internal string? Text => Kind == JsonSourceKind.Number && _text is null
        ? Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : _text;

    internal double Number { get; private init; }

    internal bool Boolean { get; private init; }

    internal IReadOnlyList<KeyValuePair<string, JsonSourceNode>> Properties => (IReadOnlyList<KeyValuePair<string, JsonSourceNode>>?)_properties ?? NoProperties;

    internal IReadOnlyList<JsonSourceNode> Items => (IReadOnlyList<JsonSourceNode>?)_items ?? NoItems;

    internal string KindName => Kind switch
    {
        JsonSourceKind.Object => "an object",
        JsonSourceKind.Array => "an array",
        JsonSourceKind.String => "a string",
        JsonSourceKind.Number => "a number",
        JsonSourceKind.Boolean => "a boolean",
        _ => "null",
    };

    internal JsonSourceNode? this[string name]
    {
        get
        {
            if (_index is not null)
            {
                return _index.GetValueOrDefault(name);
            }

            if (_properties is not null)
            {
                foreach (var property in _properties)
                {
                    if (property.Key == name)
                    {
                        return property.Value;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>Reads a UTF-8 JSON document into a tree.</summary>
    /// <param name="utf8">The document.</param>
    /// <param name="maxDepth">The deepest nesting allowed.</param>
    /// <param name="duplicate">Called with the JSON path and name of a property repeated in one object (the first one is kept), the object and the repeat's line.</param>
    /// <returns>The root value.</returns>
    /// <exception cref="JsonException">Thrown when the text is not JSON, nests deeper than <paramref name="maxDepth"/>,
    /// holds more than <see cref="MaxValues"/> values, or has a string that is not valid UTF-8 or holds an unpaired
    /// UTF-16 surrogate escape; the exception's path and line number say where.</exception>
    internal static JsonSourceNode Parse(ReadOnlySpan<byte> utf8, int maxDepth, Action<string, string, JsonSourceNode, long> duplicate)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var stack = new List<Frame>();
        string? pendingName = null;
        JsonSourceNode? root = null;
        long line = 1;
        long counted = 0;
        var values = 0;
        while (reader.Read())
        {
            var offset = reader.TokenStartIndex;
            line += utf8[(int)counted..(int)offset].Count((byte)'\n');
            counted = offset;
            JsonSourceNode? node = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = ReadString(ref reader, stack, null, line);
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                case JsonTokenType.StartObject:
                    node = new JsonSourceNode(JsonSourceKind.Object, line);
                    break;
                case JsonTokenType.StartArray:
                    node = new JsonSourceNode(JsonSourceKind.Array, line);
                    break;
                case JsonTokenType.String:
                    node = new JsonSourceNode(JsonSourceKind.String, line, ReadString(ref reader, stack, pendingName, line));
                    break;
                case JsonTokenType.Number:
                    var finite = reader.TryGetDouble(out var number) && double.IsFinite(number);
                    node = new JsonSourceNode(JsonSourceKind.Number, line, finite ? null : System.Text.Encoding.UTF8.GetString(reader.ValueSpan))
                    {
                        Number = finite ? number : double.NaN,
                    };
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    node = new JsonSourceNode(JsonSourceKind.Boolean, line) { Boolean = reader.TokenType == JsonTokenType.True };
                    break;
                case JsonTokenType.Null:
                    node = new JsonSourceNode(JsonSourceKind.Null, line);
                    break;
                default:
                    continue;
            }

            if (++values > MaxValues)
            {
                throw new JsonException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The document holds more than {MaxValues} JSON values (at {PathOf(stack, null)}, line {line})."),
                    PathOf(stack, null),
                    line - 1,
                    null);
            }

            var segment = default(Frame);
            if (stack.Count > 0)
            {
                var parent = stack[^1].Node;
                if (parent.Kind == JsonSourceKind.Array)
                {
                    parent._items ??= [];
                    segment = new Frame(node, null, parent._items.Count);
                    parent._items.Add(node);
                }
                else if (parent.TryAdd(pendingName!, node))
                {
                    segment = new Frame(node, pendingName, -1);
                }
                else
                {
                    duplicate(PathOf(stack, pendingName), pendingName!, parent, line);
                    segment = new Frame(node, pendingName, -1);
                }
            }
            else
            {
                root = node;
                segment = new Frame(node, null, -1);
            }

            if (node.Kind is JsonSourceKind.Object or JsonSourceKind.Array)
            {
                stack.Add(segment);
            }
        }

        return root ?? throw new JsonException("The document is empty.");
    }

    private static string ReadString(ref Utf8JsonReader reader, List<Frame> stack, string? name, long line)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var container = PathOf(stack, null);
            string path;
            string what;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                (path, what) = (container, "A property name");
            }
            else if (stack.Count > 0 && stack[^1].Node.Kind == JsonSourceKind.Array)
            {
                (path, what) = (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{container}[{stack[^1].Node.Items.Count}]"), "The string");
            }
            else
            {
                (path, what) = (name is null ? container : ModelJsonNames.Child(container, name), "The string");
            }

            throw new JsonException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} at {path} is not valid UTF-8 or holds an unpaired UTF-16 surrogate escape such as \\uD800."),
                path,
                line - 1,
                null);
        }
    }

    private static string PathOf(List<Frame> stack, string? name)
    {
        var path = new System.Text.StringBuilder("$");
        for (var i = 1; i < stack.Count; i++)
        {
            AppendSegment(path, stack[i]);
        }

        return name is null ? path.ToString() : ModelJsonNames.Child(path.ToString(), name);
    }

    private static void AppendSegment(System.Text.StringBuilder path, Frame frame)
    {
        if (frame.Name is null)
        {
            path.Append('[').Append(frame.Index).Append(']');
        }
        else
        {
            var text = ModelJsonNames.Child(string.Empty, frame.Name);
            path.Append(text);
        }
    }

    private bool TryAdd(string name, JsonSourceNode node)
    {
        if (this[name] is not null)
        {
            return false;
        }

        _properties ??= [];
        _properties.Add(new(name, node));
        if (_index is not null)
        {
            _index.Add(name, node);
        }
        else if (_properties.Count > IndexThreshold)
        {
            _index = new Dictionary<string, JsonSourceNode>(StringComparer.Ordinal);
            foreach (var property in _properties)
            {
                _index.Add(property.Key, property.Value);
            }
        }

        return true;
    }

    /// <summary>An open container and where it sits in its parent: a property name, or an array index.</summary>
    private readonly record struct Frame(JsonSourceNode Node, string? Name, int Index);
}
