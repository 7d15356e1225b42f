using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Cli;

/// <summary>A command's arguments: "--name value" pairs (repeatable) and flags, checked against the known names.</summary>
internal sealed class Arguments
{
    private static readonly HashSet<string> Flags = ["--no-table", "--require-all"];
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>
    /// The settings options of a command as the host's settings layer, checked at once by the gate's one resolver
    /// so that a bad value is a usage error (exit code 2, with the option's name) before any file is read.
    /// </summary>
    public SettingLayer Settings(params Setting[] settings)
    {
        var layer = SettingLayer.FromHost(SettingSource.CommandLine, string.Empty, settings.Select(s => (s, Text(s))).ToArray());
        try
        {
            SettingsResolver.Resolve(new CompareSettings(), layer);
        }
        catch (PerfGuardInputException ex)
        {
            throw new UsageException(ex.Reason);
        }

        return layer;

        // --require-all is a flag: present means "true", absent leaves the setting to perfguard.json.
        string? Text(Setting setting)
        {
            var option = SettingNames.Of(setting, SettingSource.CommandLine);
            return setting == Setting.RequireAllBenchmarks ? (Flag(option) ? "true" : null) : Single(option);
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
