using AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime
{
    /// <summary>
    /// How the engine listener (CPU time and round trips) gets into BenchmarkDotNet's child process: the PerfGuard config sets
    /// <c>DOTNET_STARTUP_HOOKS=AssetAnchor.PerfGuard.BenchmarkDotNet</c> for the benchmark process (a simple assembly
    /// name, resolved from the benchmark program's own dependencies), and the runtime calls
    /// <c>StartupHook.Initialize</c> before Main. Nothing of the user's code has to change.
    /// </summary>
    internal static class PerfGuardStartupHook
    {
        public const string Variable = "DOTNET_STARTUP_HOOKS";

        public static string AssemblyName => typeof(PerfGuardStartupHook).Assembly.GetName().Name!;

        internal static void Start() => BenchmarkEngineListener.EnsureStarted();
    }
}

/// <summary>The runtime's startup-hook entry point: a type named StartupHook outside any namespace (its contract).</summary>
#pragma warning disable CA1050 // The runtime looks for exactly "StartupHook" in the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize() => PerfGuardStartupHook.Start();
}
