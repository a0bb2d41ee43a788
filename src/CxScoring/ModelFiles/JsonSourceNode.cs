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
/// </summary>
internal sealed class JsonSourceNode
{
    private JsonSourceNode(JsonSourceKind kind, long line)
    {
        Kind = kind;
        Line = line;
    }

    internal JsonSourceKind Kind { get; }

    internal long Line { get; }

    internal string? Text { get; private init; }

    internal double Number { get; private init; }

    internal bool Boolean { get; private init; }

    internal List<KeyValuePair<string, JsonSourceNode>> Properties { get; } = [];

    internal List<JsonSourceNode> Items { get; } = [];

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
            foreach (var property in Properties)
            {
                if (property.Key == name)
                {
                    return property.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Reads a UTF-8 JSON document into a tree.</summary>
    /// <param name="utf8">The document.</param>
    /// <param name="maxDepth">The deepest nesting allowed.</param>
    /// <param name="duplicate">Called for a property name repeated in one object (the first one is kept).</param>
    /// <returns>The root value.</returns>
    /// <exception cref="JsonException">Thrown when the text is not JSON or nests deeper than <paramref name="maxDepth"/>.</exception>
    internal static JsonSourceNode Parse(ReadOnlySpan<byte> utf8, int maxDepth, Action<string, JsonSourceNode, long> duplicate)
    {
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var stack = new Stack<JsonSourceNode>();
        string? pendingName = null;
        JsonSourceNode? root = null;
        while (reader.Read())
        {
            var line = lines.LineOf(reader.TokenStartIndex);
            JsonSourceNode? node = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
                case JsonTokenType.StartObject:
                    node = new JsonSourceNode(JsonSourceKind.Object, line);
                    break;
                case JsonTokenType.StartArray:
                    node = new JsonSourceNode(JsonSourceKind.Array, line);
                    break;
                case JsonTokenType.String:
                    node = new JsonSourceNode(JsonSourceKind.String, line) { Text = reader.GetString() };
                    break;
                case JsonTokenType.Number:
                    node = new JsonSourceNode(JsonSourceKind.Number, line)
                    {
                        Number = reader.TryGetDouble(out var number) && double.IsFinite(number) ? number : double.NaN,
                        Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
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

            if (stack.TryPeek(out var parent))
            {
                if (parent.Kind == JsonSourceKind.Array)
                {
                    parent.Items.Add(node);
                }
                else if (parent[pendingName!] is null)
                {
                    parent.Properties.Add(new(pendingName!, node));
                }
                else
                {
                    duplicate(pendingName!, parent, line);
                }
            }
            else
            {
                root = node;
            }

            if (node.Kind is JsonSourceKind.Object or JsonSourceKind.Array)
            {
                stack.Push(node);
            }
        }

        return root ?? throw new JsonException("The document is empty.");
    }

    /// <summary>Maps byte offsets to 1-based line numbers.</summary>
    private readonly struct LineIndex
    {
        private readonly List<long> _lineStarts;

        internal LineIndex(ReadOnlySpan<byte> utf8)
        {
            _lineStarts = [0];
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        internal long LineOf(long offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }
    }
}
