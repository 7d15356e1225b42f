namespace AssetAnchor.PerfGuard.Engine.Model;

/// <summary>
/// How busy the machine was while one benchmark was measured, as the BenchmarkDotNet extension recorded it
/// (sidecar <c>contention</c>). Every part is optional: only Linux has the scheduler statistics and PSI.
/// </summary>
/// <param name="WaitFraction">Run-queue wait / (wait + run) of the benchmark process's threads over the measured iterations.</param>
/// <param name="LoadAverage">The highest 1-minute load average at the start or end of the measured iterations.</param>
/// <param name="CpuPressure">The share of the measured time some task of the machine waited for a CPU (PSI "some").</param>
/// <param name="CpuToWall">Median per-iteration CPU time / wall time.</param>
public sealed record Contention(double? WaitFraction, double? LoadAverage, double? CpuPressure, double? CpuToWall);
