using System.Globalization;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Settings;

/// <summary>
/// The one place that turns settings text into typed <see cref="CompareSettings"/>, for the CLI, the MSBuild task and
/// the engine alike. Precedence: the defaults, then each layer in the order given (perfguard.json, then the MSBuild
/// properties or CLI options), a later layer winning per setting. A value that cannot be used is one PG1201 naming
/// the setting as the user wrote it, with the file and position it came from.
/// </summary>
public static class SettingsResolver
{
    public static CompareSettings Resolve(CompareSettings defaults, params SettingLayer[] layers)
    {
        var settings = defaults;
        foreach (var setting in SettingNames.All)
        {
            var text = layers.Select(layer => layer[setting]).LastOrDefault(t => t is not null);
            if (text is not null)
            {
                settings = Apply(settings, setting, text);
            }
        }

        return settings;
    }

    private static CompareSettings Apply(CompareSettings settings, Setting setting, SettingText text) => setting switch
    {
        Setting.Threshold => settings with { Threshold = Threshold(text) },
        Setting.RunNoise => settings with { RunNoise = Noise(text) },
        Setting.MinimumRunNoise => settings with { MinimumRunNoise = Percentage(text, "10%") },
        Setting.Significance => settings with { Significance = Significance(text) },
        Setting.CpuThreshold => settings with { CpuThreshold = Threshold(text) },
        Setting.CpuMinimumRunNoise => settings with { CpuMinimumRunNoise = Percentage(text, "5%") },
        Setting.ContentionLimit => settings with { ContentionLimit = Fraction(text) },
        Setting.RequireAllBenchmarks => settings with { RequireAllBenchmarks = Boolean(text) },
        Setting.AllocationTolerance => settings with { AllocationTolerance = Allocation(text) },
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    private static ThresholdSpec Threshold(SettingText text) =>
        ThresholdSpec.TryParse(text.Text, out var threshold, out var error) ? threshold : throw Invalid(text, error);

    private static AllocationTolerance Allocation(SettingText text) =>
        AllocationTolerance.TryParse(text.Text, out var tolerance, out var error) ? tolerance : throw Invalid(text, error + " (e.g. '1%|16B')");

    private static double? Noise(SettingText text) =>
        RunNoise.TryParse(text.Text, out var noise, out _) ? noise : throw Invalid(text, "must be 'auto' or a percentage such as '20%'");

    private static double Percentage(SettingText text, string example) =>
        RunNoise.TryParsePercentage(text.Text, out var fraction) ? fraction : throw Invalid(text, $"must be a percentage such as '{example}'");

    private static double Fraction(SettingText text) =>
        RunNoise.TryParsePercentage(text.Text, out var fraction) && fraction <= 1
            ? fraction
            : throw Invalid(text, "must be a percentage between 0% and 100% such as '20%'");

    private static double Significance(SettingText text) =>
        double.TryParse(text.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha) && alpha is > 0 and < 0.5
            ? alpha
            : throw Invalid(text, "the significance level must be a number between 0 and 0.5 (e.g. 0.01)");

    private static bool Boolean(SettingText text) =>
        bool.TryParse(text.Text.Trim(), out var value) ? value : throw Invalid(text, "must be true or false");

    private static PerfGuardInputException Invalid(SettingText text, string reason) =>
        PerfGuardInputException.InvalidSetting(text.File, text.Line, text.BytePositionInLine, $"{text.Name} '{text.Text}': {reason}");
}
