using System.Text;
using System.Text.Json;

namespace AssetAnchor.PerfGuard.Engine.Reading;

/// <summary>
/// Finds where a JSON path (property names and array indexes) starts in a file, so that a value that parses
/// but makes no sense (a missing field, NaN, an empty array) is reported with its line like a syntax error.
/// </summary>
internal static class JsonPositions
{
    public static (long Line, long BytePositionInLine) Find(ReadOnlySpan<byte> json, IReadOnlyList<object> path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<Frame>();
        string? pendingProperty = null;
        var best = 0L;
        var bestDepth = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pendingProperty = reader.GetString();
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                // A value starts: its path is the frames' path plus its own property or index.
                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                }

                var depth = Matches(frames, pendingProperty, path);
                if (depth == path.Count)
                {
                    return LineOf(json, reader.TokenStartIndex);
                }

                if (depth > 0 && depth >= bestDepth)
                {
                    // The deepest existing ancestor of the wanted path (a missing field is reported at its parent).
                    bestDepth = depth;
                    best = reader.TokenStartIndex;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, pendingProperty, -1));
                }

                pendingProperty = null;
            }
        }
        catch (JsonException)
        {
            // The document was valid when parsed; this cannot happen, and a position is only a courtesy.
        }

        return LineOf(json, best);
    }

    /// <summary>Where the first property name repeated within one object is, or null when there is none.</summary>
    public static (long Line, long BytePositionInLine, string Name)? FindDuplicateProperty(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var objects = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        objects.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName when objects.Peek() is { } names && !names.Add(reader.GetString()!):
                        var (line, column) = LineOf(json, reader.TokenStartIndex);
                        return (line, column, reader.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not well-formed: the parser's own error position applies.
        }

        return null;
    }

    public static (long Line, long BytePositionInLine) LineOf(ReadOnlySpan<byte> json, long offset)
    {
        offset = Math.Clamp(offset, 0, json.Length);
        var before = json[..(int)offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - (lastNewline + 1));
    }

    public static string Describe(IReadOnlyList<object> path)
    {
        var text = new StringBuilder("$");
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index).Append(']');
            }
            else
            {
                text.Append('.').Append(segment);
            }
        }

        return text.ToString();
    }

    /// <summary>How many leading segments of <paramref name="path"/> the current value's path matches.</summary>
    private static int Matches(List<Frame> frames, string? pendingProperty, IReadOnlyList<object> path)
    {
        // The current value's path: each frame contributes the segment of its child (property or index).
        var segments = new List<object>(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].IsArray)
            {
                segments.Add(frames[i].Index);
            }
            else
            {
                var property = i + 1 < frames.Count ? frames[i + 1].Property : pendingProperty;
                segments.Add(property ?? string.Empty);
            }
        }

        if (segments.Count > path.Count)
        {
            return -1;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (!Equals(segments[i], path[i]))
            {
                return -1;
            }
        }

        return segments.Count;
    }

    private readonly record struct Frame(bool IsArray, string? Property, int Index);
}
