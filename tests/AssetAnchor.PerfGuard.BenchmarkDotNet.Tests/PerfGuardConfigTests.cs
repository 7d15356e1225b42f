using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

public sealed class PerfGuardConfigTests
{
    [Theory]
    [InlineData(PerfGuardJob.Quick, PerfGuardJobs.QuickId, 15)]
    [InlineData(PerfGuardJob.Thorough, PerfGuardJobs.ThoroughId, 30)]
    public void The_attribute_and_the_factory_give_the_parts_the_gate_reads(PerfGuardJob kind, string jobId, int iterations)
    {
        foreach (var config in new IConfig[] { new PerfGuardConfigAttribute(kind).Config, PerfGuardConfig.Create(kind) })
        {
            var job = Assert.Single(config.GetJobs());
            Assert.Equal(jobId, job.Id);
            Assert.Equal(iterations, job.Run.IterationCount);
            Assert.Contains(job.Environment.EnvironmentVariables!, v => v.Key == PerfGuardJobs.TieredCompilationVariable && v.Value == "0");
            // BenchmarkDotNet's child build reuses the suite's obj/ folders instead of rebuilding the graph from scratch.
            Assert.Contains(job.Infrastructure.Arguments!, a => a.TextRepresentation == "/p:UseArtifactsOutput=false");
            Assert.Equal(TimeSpan.FromMinutes(10), config.BuildTimeout);

            Assert.Contains(JsonExporter.Full, config.GetExporters());
            Assert.Contains(config.GetExporters(), e => e is PerfGuardCategoriesExporter);
            Assert.Contains(config.GetDiagnosers(), d => d is MemoryDiagnoser);
            Assert.Contains(config.GetDiagnosers(), d => d is DbRoundTripsDiagnoser);
        }
    }

    [Fact]
    public void The_attribute_leaves_the_command_line_in_charge_of_artifacts_and_default_exporters()
    {
        // Merged into the runner's config: a default config inside it would override --artifacts.
        var config = new PerfGuardConfigAttribute().Config;

        Assert.Null(config.ArtifactsPath);
        Assert.DoesNotContain(config.GetExporters(), e => e.Name.Contains("csv", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(PerfGuardConfig.Create().ArtifactsPath);
    }

    [Fact]
    public void A_job_of_your_own_keeps_its_id_and_gets_the_rest()
    {
        var config = PerfGuardConfig.Create(Job.ShortRun.WithId("Mine"));

        Assert.Equal("Mine", Assert.Single(config.GetJobs()).Id);
        Assert.Contains(config.GetDiagnosers(), d => d is DbRoundTripsDiagnoser);
    }

    [Fact]
    public void The_categories_are_the_seed_guides_four() =>
        Assert.Equal(["CriticalPath", "Read", "Write", "Reporting"], PerfGuardCategories.All);
}
