using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Which project reports the UP direction when Application and Infrastructure are siblings (neither references the
/// other): the first that references both, a library as well as an executable, and not one of its dependents; not a
/// test project (found by build_property.IsTestProject, else by a referenced test framework), and not one a team
/// switched off with perfguard.report_cross_project_call_sites = false.
/// </summary>
public sealed class UpDirectionReporterTests
{
    // The contract in a project of its own: Application and Infrastructure are siblings, and only a project that
    // references both (here the executable) sees the loop and the implementation.
    private const string Contracts = """
        using System.Threading.Tasks;

        namespace Anchor.Contracts;

        public interface IUnitRepository
        {
            Task<int> CountVacantAsync(int buildingId);
        }
        """;

    private const string Application = UpFixture.Usings + """
        using Anchor.Contracts;

        namespace Anchor.Application;

        public class VacancyService(IUnitRepository units)
        {
            public async Task<int> Vacant(IReadOnlyList<int> buildingIds)
            {
                var vacant = 0;
                foreach (var id in buildingIds)
                {
                    vacant += await {|PG0001:units.CountVacantAsync(id)|};
                }
                return vacant;
            }
        }
        """;

    private const string Infrastructure = UpFixture.Usings + """
        using Anchor.Contracts;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Infrastructure;

        public class Unit { public int Id { get; set; } public int BuildingId { get; set; } public bool Vacant { get; set; } }
        public class AnchorContext(DbContextOptions<AnchorContext> options) : DbContext(options)
        {
            public DbSet<Unit> Units => Set<Unit>();
        }
        public class UnitRepository(AnchorContext db) : IUnitRepository
        {
            public Task<int> CountVacantAsync(int buildingId) => db.Units.CountAsync(u => u.BuildingId == buildingId && u.Vacant);
        }
        """;

    private const string Executable = """
        using Anchor.Application;
        using Anchor.Infrastructure;

        public static class Program
        {
            public static void Main() => System.Console.WriteLine(typeof(VacancyService).Name + typeof(UnitRepository).Name);
        }
        """;

    [Fact]
    public Task CompositionRoot_StillReports()
    {
        var test = Executable_ReferencingBothLayers(out var expected);
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_WithIsTestProjectFalse_Reports_EvenWithATestFrameworkReferenced()
    {
        // An explicit property wins over the reference fallback: a tool shipping xunit helpers is no test project.
        var test = Executable_ReferencingBothLayers(out var expected);
        test.TestState.AdditionalReferences.Add(TestFramework("xunit.core").Reference);
        test.TestState.AnalyzerConfigFiles.Add(GlobalConfig("build_property.IsTestProject = false"));
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TestProject_ByProperty_DoesNotReport()
    {
        var test = Executable_ReferencingBothLayers(out _);
        test.TestState.AnalyzerConfigFiles.Add(GlobalConfig("build_property.IsTestProject = true"));
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("xunit.core")]
    [InlineData("nunit.framework")]
    [InlineData("Microsoft.VisualStudio.TestPlatform.TestFramework")]
    [InlineData("Microsoft.TestPlatform.CoreUtilities")]
    public Task TestProject_ByTestFrameworkReference_WithoutTheProperty_DoesNotReport(string frameworkAssembly)
    {
        var test = Executable_ReferencingBothLayers(out _);
        test.TestState.AdditionalReferences.Add(TestFramework(frameworkAssembly).Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TestProject_WithAnEmptyProperty_FallsBackToTheReferences()
    {
        // A project that never sets IsTestProject still makes the key visible, with an empty value.
        var test = Executable_ReferencingBothLayers(out _);
        test.TestState.AdditionalReferences.Add(TestFramework("xunit.core").Reference);
        test.TestState.AnalyzerConfigFiles.Add(GlobalConfig("build_property.IsTestProject = "));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_SwitchedOffInEditorConfig_DoesNotReport()
    {
        var test = Executable_ReferencingBothLayers(out _);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nperfguard.report_cross_project_call_sites = false\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_SwitchedOffInGlobalConfig_DoesNotReport()
    {
        var test = Executable_ReferencingBothLayers(out _);
        test.TestState.AnalyzerConfigFiles.Add(GlobalConfig("perfguard.report_cross_project_call_sites = false"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TestProject_SwitchedOnExplicitly_Reports()
    {
        // The team picked the test host as the one executable that reports.
        var test = Executable_ReferencingBothLayers(out var expected);
        test.TestState.AnalyzerConfigFiles.Add(GlobalConfig("build_property.IsTestProject = true\nperfguard.report_cross_project_call_sites = true"));
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AnUnparsableSetting_KeepsTheDefault()
    {
        var test = Executable_ReferencingBothLayers(out var expected);
        test.TestState.AnalyzerConfigFiles.Add(GlobalConfig("perfguard.report_cross_project_call_sites = nope"));
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private const string Composition = """
        using Anchor.Application;
        using Anchor.Infrastructure;

        namespace Anchor.Composition;

        public static class Services
        {
            public static VacancyService Create(UnitRepository units) => new(units);
        }
        """;

    [Fact]
    public Task ALibraryReferencingBothSiblings_ReportsTheLoop()
    {
        var test = Executable_ReferencingBothLayers(out var expected);
        test.TestState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(Composition);
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheRootOverALibraryThatSawBothSides_StaysQuiet()
    {
        var test = Executable_ReferencingBothLayers(out _);
        var references = test.TestState.AdditionalReferences.ToArray();
        var composition = ReferencedProject.Build(
            "Anchor.Composition", Composition, withPerfGuard: true,
            references.Select(static r => ReferencedProject.FromReference(r)).ToArray());
        test.TestState.AdditionalReferences.Add(composition.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheRootOverALibraryBuiltWithoutPerfGuard_StillReports()
    {
        // That library reported nothing: it does not count as having seen both sides.
        var test = Executable_ReferencingBothLayers(out var expected);
        var references = test.TestState.AdditionalReferences.ToArray();
        var composition = ReferencedProject.Build(
            "Anchor.Composition", Composition, withPerfGuard: false,
            references.Select(static r => ReferencedProject.FromReference(r)).ToArray());
        test.TestState.AdditionalReferences.Add(composition.Reference);
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheRootOverALibrarySwitchedOff_Reports()
    {
        // perfguard.report_cross_project_call_sites = false in the library: it reports nothing and says so in its
        // summary (a v1q record), so the root takes the join over instead of losing it.
        var test = Executable_ReferencingBothLayers(out var expected);
        var references = test.TestState.AdditionalReferences.Select(static r => ReferencedProject.FromReference(r)).ToArray();
        var composition = ReferencedProject.BuildWithGlobalOptions(
            "Anchor.Composition", Composition, new Dictionary<string, string> { ["perfguard.report_cross_project_call_sites"] = "false" }, references);
        Assert.Contains("\"v1q\"", composition.Summary, StringComparison.Ordinal);
        test.TestState.AdditionalReferences.Add(composition.Reference);
        test.ExpectedDiagnostics.Add(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static RoundTripVerifier.Test Executable_ReferencingBothLayers(out DiagnosticResult expected)
    {
        var contracts = ReferencedProject.Build("Anchor.Contracts", Contracts);
        var application = MarkedProject.Build("Anchor.Application", Application, references: contracts);
        var infrastructure = ReferencedProject.Build("Anchor.Infrastructure", Infrastructure, references: contracts);

        expected = application.At(DatabaseRoundTripInLoopAnalyzer.CrossProjectRule, "PG0001")
            .WithArguments("units.CountVacantAsync(id)", "foreach loop", "CountVacantAsync -> CountAsync", "load the rows once before it");
        return UpFixture.Root(new RoundTripVerifier.Test { TestCode = Executable }, contracts, application.Project, infrastructure);
    }

    /// <summary>A stand-in for the test framework's assembly: only its name matters.</summary>
    private static ReferencedProject TestFramework(string assemblyName) =>
        ReferencedProject.Build(assemblyName, "namespace TestFramework { public sealed class FactAttribute : System.Attribute { } }", withPerfGuard: false);

    private static (string, string) GlobalConfig(string lines) => ("/.globalconfig", "is_global = true\n" + lines + "\n");
}
