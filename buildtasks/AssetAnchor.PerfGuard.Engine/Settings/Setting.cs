namespace AssetAnchor.PerfGuard.Engine.Settings;

/// <summary>The gate's tunable settings. Each has one name per place a user writes it (<see cref="SettingNames"/>).</summary>
public enum Setting
{
    Threshold,
    RunNoise,
    MinimumRunNoise,
    Significance,
    CpuThreshold,
    CpuMinimumRunNoise,
    ContentionLimit,
    RequireAllBenchmarks,
    AllocationTolerance,
}

/// <summary>Where a layer of settings comes from; it decides the name a PG1201 quotes.</summary>
public enum SettingSource
{
    /// <summary>perfguard.json (camelCase keys, with line and column).</summary>
    File,

    /// <summary>MSBuild properties of the suite project (PerfGuardThreshold ...).</summary>
    MSBuild,

    /// <summary>Options of the perfguard command (--threshold ...).</summary>
    CommandLine,
}

/// <summary>One table of names, so that perfguard.json, the MSBuild properties and the CLI options never drift apart.</summary>
public static class SettingNames
{
    private static readonly Dictionary<Setting, (string Json, string Property, string Option)> Names = new()
    {
        [Setting.Threshold] = ("threshold", "PerfGuardThreshold", "--threshold"),
        [Setting.RunNoise] = ("runNoise", "PerfGuardRunNoise", "--run-noise"),
        [Setting.MinimumRunNoise] = ("minimumRunNoise", "PerfGuardMinimumRunNoise", "--min-run-noise"),
        [Setting.Significance] = ("significance", "PerfGuardSignificance", "--significance"),
        [Setting.CpuThreshold] = ("cpuThreshold", "PerfGuardCpuThreshold", "--cpu-threshold"),
        [Setting.CpuMinimumRunNoise] = ("cpuMinimumRunNoise", "PerfGuardCpuMinimumRunNoise", "--cpu-min-run-noise"),
        [Setting.ContentionLimit] = ("contentionLimit", "PerfGuardContentionLimit", "--contention-limit"),
        [Setting.RequireAllBenchmarks] = ("requireAllBenchmarks", "PerfGuardRequireAllBenchmarks", "--require-all"),
        [Setting.AllocationTolerance] = ("allocationTolerance", "PerfGuardAllocationTolerance", "--allocation-tolerance"),
    };

    public static IReadOnlyList<Setting> All { get; } = Enum.GetValues<Setting>();

    public static string Of(Setting setting, SettingSource source) => source switch
    {
        SettingSource.File => Names[setting].Json,
        SettingSource.MSBuild => Names[setting].Property,
        _ => Names[setting].Option,
    };

    /// <summary>The perfguard.json key of a setting, or null when the key names none.</summary>
    public static Setting? FromJson(string key)
    {
        foreach (var (setting, names) in Names)
        {
            if (names.Json == key)
            {
                return setting;
            }
        }

        return null;
    }

    /// <summary>The perfguard.json keys of all settings, for the "unknown property" message.</summary>
    public static IEnumerable<string> JsonKeys => All.Select(s => Names[s].Json);
}
