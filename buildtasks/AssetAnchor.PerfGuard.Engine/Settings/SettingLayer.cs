namespace AssetAnchor.PerfGuard.Engine.Settings;

/// <summary>One setting as a user wrote it: the text, the name it was written under, and where (for PG1201).</summary>
/// <param name="Line">1-based line in <paramref name="File"/>, 0 when unknown (an MSBuild property, a CLI option).</param>
/// <param name="BytePositionInLine">0-based position within the line.</param>
public sealed record SettingText(string Name, string Text, string File = "", long Line = 0, long BytePositionInLine = 0);

/// <summary>
/// The settings one source sets (perfguard.json, the MSBuild properties, the CLI options); a setting it leaves empty
/// is absent, so that a lower layer or the default applies. Values stay text here: <see cref="SettingsResolver"/> is
/// the only parser.
/// </summary>
public sealed class SettingLayer
{
    private readonly Dictionary<Setting, SettingText> _values;

    private SettingLayer(Dictionary<Setting, SettingText> values) => _values = values;

    public static SettingLayer None { get; } = new([]);

    public SettingText? this[Setting setting] => _values.GetValueOrDefault(setting);

    public IEnumerable<Setting> Present => _values.Keys;

    /// <summary>The properties of an MSBuild task or the options of a command: empty text means "not set here".</summary>
    public static SettingLayer FromHost(SettingSource source, string file, params (Setting Setting, string? Text)[] values)
    {
        var layer = None;
        foreach (var (setting, text) in values)
        {
            layer = layer.With(setting, text is null ? null : new SettingText(SettingNames.Of(setting, source), text, file));
        }

        return layer;
    }

    /// <summary>A copy with <paramref name="setting"/> set (null or blank text: removed).</summary>
    public SettingLayer With(Setting setting, SettingText? text)
    {
        var values = new Dictionary<Setting, SettingText>(_values);
        if (text is null || string.IsNullOrWhiteSpace(text.Text))
        {
            values.Remove(setting);
        }
        else
        {
            values[setting] = text;
        }

        return new SettingLayer(values);
    }

    /// <summary>A copy that sets only <paramref name="settings"/> (e.g. the load gate ignores the benchmark thresholds).</summary>
    public SettingLayer Only(params Setting[] settings) =>
        new(_values.Where(v => settings.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value));
}
