namespace AssetAnchor.PerfGuard.Cli;

/// <summary>A command's arguments: "--name value" pairs (repeatable) and flags, checked against the known names.</summary>
internal sealed class Arguments
{
    private static readonly HashSet<string> Flags = ["--no-table", "--require-all"];
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>--significance as a number in (0, 0.5), or null when absent; shared by compare and load compare.</summary>
    public double? Significance() =>
        Single("--significance") is { } text
            ? double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var alpha) && alpha is > 0 and < 0.5
                ? alpha
                : throw new UsageException($"--significance '{text}' must be a number between 0 and 0.5")
            : null;

    /// <summary>Fails early, as a usage error, on a --threshold the engine could not parse.</summary>
    public void CheckThreshold()
    {
        if (Single("--threshold") is { } text && !Engine.Comparison.ThresholdSpec.TryParse(text, out _, out var error))
        {
            throw new UsageException($"--threshold: {error}");
        }
    }

    public static Arguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> known)
    {
        var parsed = new Arguments();
        using var enumerator = args.GetEnumerator();
        while (enumerator.MoveNext())
        {
            var name = enumerator.Current;
            var value = (string?)null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (!known.Contains(name))
            {
                throw new UsageException($"unknown option '{name}' (expected one of {string.Join(", ", known)})");
            }

            if (Flags.Contains(name))
            {
                value ??= "true";
            }
            else if (value is null)
            {
                if (!enumerator.MoveNext() || enumerator.Current.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"option '{name}' needs a value");
                }

                value = enumerator.Current;
            }

            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }

            list.Add(value);
        }

        return parsed;
    }

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public IReadOnlyList<string> Required(string name) =>
        All(name) is { Count: > 0 } values ? values : throw new UsageException($"missing required option '{name}'");

    public string RequiredSingle(string name) => Single(name) ?? throw new UsageException($"missing required option '{name}'");

    public string? Single(string name) => All(name) switch
    {
        { Count: 0 } => null,
        { Count: 1 } values => values[0],
        _ => throw new UsageException($"option '{name}' is given more than once"),
    };

    public bool Flag(string name) => All(name).Count > 0;
}

internal sealed class UsageException(string message) : Exception(message);
