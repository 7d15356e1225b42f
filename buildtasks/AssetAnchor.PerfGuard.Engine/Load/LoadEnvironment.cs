using System.Runtime.InteropServices;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Load;

/// <summary>The machine a load run happens on, in the fields the time comparison checks (processor, cores, OS, runtime).</summary>
public static class LoadEnvironment
{
    public static EnvironmentInfo Current(string tool) => new(
        Os: OsName(),
        Cpu: ProcessorName(),
        LogicalCores: Environment.ProcessorCount,
        Runtime: ".NET " + Environment.Version.ToString(),
        Architecture: RuntimeInformation.OSArchitecture.ToString(),
        BenchmarkDotNetVersion: tool);

    private static string OsName()
    {
        var family = OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "Other";
        return $"{family} {RuntimeInformation.OSDescription}".Trim();
    }

    private static string ProcessorName()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // An unreadable /proc falls through to the generic name below.
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
