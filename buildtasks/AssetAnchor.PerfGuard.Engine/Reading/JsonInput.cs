using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Reading;

/// <summary>
/// A parsed JSON file that remembers its bytes, so that every semantic error can name its path and line.
/// Duplicate property names are refused: a file that says two things about one key is ambiguous.
/// </summary>
internal sealed class JsonInput : IDisposable
{
    // Duplicates are found by JsonPositions.FindDuplicateProperty, not by JsonDocumentOptions.AllowDuplicateProperties:
    // that option is .NET 9+, and the engine runs inside .NET 8's MSBuild.
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    // What System.Text.Json appends to its messages to say where (see FirstSentence).
    private static readonly string[] PositionMarkers = [" Path: ", " LineNumber: "];

    private readonly byte[] _bytes;

    private JsonInput(string path, byte[] bytes, JsonDocument document)
    {
        Path = path;
        _bytes = bytes;
        Document = document;
    }

    public string Path { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public static JsonInput Open(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new PerfGuardInputException(path, 0, 0, ex.Message);
        }

        return Parse(path, bytes);
    }

    public static JsonInput Parse(string path, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new PerfGuardInputException(path, 1, 0, "the file is empty");
        }

        // A UTF-8 byte order mark (editors on Windows write one) is not JSON; skip it as every JSON reader should.
        if (bytes.AsSpan().StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            throw new PerfGuardInputException(path, (ex.LineNumber ?? 0) + 1, ex.BytePositionInLine ?? 0, FirstSentence(ex.Message));
        }

        if (JsonPositions.FindDuplicateProperty(bytes) is { } duplicate)
        {
            document.Dispose();
            throw new PerfGuardInputException(path, duplicate.Line, duplicate.BytePositionInLine, $"the property '{duplicate.Name}' appears twice in one object");
        }

        return new JsonInput(path, bytes, document);
    }

    /// <summary>Throws PG1201 at <paramref name="at"/>'s position.</summary>
    public PerfGuardInputException Error(IReadOnlyList<object> at, string reason)
    {
        var (line, column) = JsonPositions.Find(_bytes, at);
        return new PerfGuardInputException(Path, line, column, $"{JsonPositions.Describe(at)}: {reason}");
    }

    public (long Line, long Column) PositionOf(IReadOnlyList<object> at) => JsonPositions.Find(_bytes, at);

    public JsonElement RequireProperty(JsonElement parent, IReadOnlyList<object> parentPath, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw Error(parentPath, $"expected an object, found {Describe(parent.ValueKind)}");
        }

        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error(parentPath, $"the required property '{name}' is missing");
        }

        if (value.ValueKind != kind)
        {
            throw Error([.. parentPath, name], $"expected {Describe(kind)}, found {Describe(value.ValueKind)}");
        }

        return value;
    }

    public double RequireFiniteNumber(JsonElement value, IReadOnlyList<object> path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw Error(path, $"expected a number, found {Describe(value.ValueKind)}{(value.ValueKind == JsonValueKind.String ? $" \"{value.GetString()}\"" : string.Empty)}");
        }

        if (!double.IsFinite(number))
        {
            throw Error(path, "the number is not finite");
        }

        return number;
    }

    public void Dispose() => Document.Dispose();

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// The parser's reason without the position it appends: "LineNumber: 3 | BytePositionInLine: 7." (0-based, from
    /// JsonDocument) or "Path: $ | LineNumber: ..." (from JsonSerializer). The message gives the position once, 1-based.
    /// </summary>
    internal static string FirstSentence(string message)
    {
        var cut = message.Length;
        foreach (var marker in PositionMarkers)
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0 && at < cut)
            {
                cut = at;
            }
        }

        return message[..cut].Trim().TrimEnd('.');
    }
}
