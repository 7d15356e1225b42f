namespace AssetAnchor.PerfGuard.Engine.Model;

/// <summary>Where a set of results was measured, as BenchmarkDotNet's HostEnvironmentInfo reports it.</summary>
public sealed record EnvironmentInfo(
    string Os,
    string Cpu,
    int LogicalCores,
    string Runtime,
    string Architecture,
    string BenchmarkDotNetVersion)
{
    public static EnvironmentInfo Unknown { get; } = new("unknown", "unknown", 0, "unknown", "unknown", "unknown");

    /// <summary>
    /// The differences that make times incomparable: processor, logical cores, architecture, runtime
    /// major.minor and operating system family. A kernel or runtime patch update is not a difference; a new
    /// machine type or runtime version is. Empty when the environments match.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(EnvironmentInfo other)
    {
        var differences = new List<string>();
        Compare("processor", Cpu, other.Cpu);
        Compare("logical cores", LogicalCores.ToString(System.Globalization.CultureInfo.InvariantCulture),
            other.LogicalCores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("architecture", Architecture, other.Architecture);
        Compare("runtime", RuntimeFamily(Runtime), RuntimeFamily(other.Runtime));
        Compare("OS", OsFamily(Os), OsFamily(other.Os));
        return differences;

        void Compare(string what, string mine, string theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add($"{what} '{theirs}' -> '{mine}'");
            }
        }
    }

    /// <summary>".NET 10.0.12 (10.0.12, 10.0.1226.42308)" -> ".NET 10.0".</summary>
    internal static string RuntimeFamily(string runtime)
    {
        var parts = runtime.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var versionParts = parts[i].Split('.');
            if (versionParts.Length >= 2 && char.IsDigit(versionParts[0].FirstOrDefault()))
            {
                return string.Join(' ', parts.Take(i)) + " " + versionParts[0] + "." + versionParts[1];
            }
        }

        return runtime;
    }

    /// <summary>"Linux Debian GNU/Linux 12 (bookworm)" -> "Linux"; "Windows 11 (10.0.22631.4037/23H2)" -> "Windows".</summary>
    internal static string OsFamily(string os)
    {
        var space = os.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? os : os[..space];
    }
}
