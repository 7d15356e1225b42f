using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Clean Architecture inverts the references: Application declares ILeaseRepository and loops over it,
/// Infrastructure (built after it) implements it with a query and references Application: it is the first project that
/// sees both, and reports PG0001 at the loop's line in Application's file; the composition root, which sees both through
/// Infrastructure, stays quiet. The expected span is the markup span in Application's source.
/// </summary>
public sealed class UpDirectionTests
{
    private const string Application = UpFixture.Usings + """
        namespace Anchor.Application;

        public interface ILeaseRepository
        {
            Task<int> CountForPropertyAsync(int propertyId);
            string Describe(int propertyId);
        }

        public class OccupancyService(ILeaseRepository leases)
        {
            public async Task<int> LetCount(IReadOnlyList<int> propertyIds)
            {
                var let = 0;
                foreach (var id in propertyIds)
                {
                    if (await {|PG0001:leases.CountForPropertyAsync(id)|} > 0) let++;
                    _ = leases.Describe(id);
                }
                return let;
            }

            public async Task<int> FirstThree()
            {
                var let = 0;
                for (var i = 0; i < 3; i++) let += await leases.CountForPropertyAsync(i);
                return let;
            }
        }
        """;

    /// <summary>Implements Application's ILeaseRepository with a query (ConditionalContractCallTests builds on it too).</summary>
    internal const string Infrastructure = UpFixture.Usings + """
        using Anchor.Application;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Infrastructure;

        public class Lease { public int Id { get; set; } public int PropertyId { get; set; } }
        public class AnchorContext(DbContextOptions<AnchorContext> options) : DbContext(options)
        {
            public DbSet<Lease> Leases => Set<Lease>();
        }
        public class LeaseRepository(AnchorContext db) : ILeaseRepository
        {
            public Task<int> CountForPropertyAsync(int propertyId) => db.Leases.CountAsync(l => l.PropertyId == propertyId);
            public string Describe(int propertyId) => "property " + propertyId;
        }
        """;

    private const string Web = """
        using Anchor.Application;
        using Anchor.Infrastructure;

        public static class Program
        {
            public static void Main() => System.Console.WriteLine(typeof(OccupancyService).Name + typeof(LeaseRepository).Name);
        }
        """;

    [Fact]
    public Task Infrastructure_ReportsTheLoopInApplication_AtItsOwnLine()
    {
        // Infrastructure references Application: it is the first project that sees the loop and the implementation.
        var application = MarkedProject.Build("Anchor.Application", Application);
        Assert.Contains("v1c", application.Summary, StringComparison.Ordinal);

        var test = UpFixture.References(new RoundTripVerifier.Test { TestCode = Infrastructure }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(DatabaseRoundTripInLoopAnalyzer.CrossProjectRule, "PG0001")
            .WithArguments("leases.CountForPropertyAsync(id)", "foreach loop", "CountForPropertyAsync -> CountAsync", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_ReferencingInfrastructure_DoesNotRepeatIt()
    {
        var application = MarkedProject.Build("Anchor.Application", Application).Project;
        var infrastructure = ReferencedProject.Build("Anchor.Infrastructure", Infrastructure, references: application);
        return UpFixture.Root(new RoundTripVerifier.Test { TestCode = Web }, application, infrastructure).RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_Reports_WhenInfrastructureWasBuiltWithoutPerfGuard()
    {
        // A reference without PerfGuard's records reported nothing: it does not count as having seen both sides. Its
        // implementation has no record either, so the root has nothing to join: quiet, not wrong.
        var application = MarkedProject.Build("Anchor.Application", Application).Project;
        var infrastructure = ReferencedProject.Build("Anchor.Infrastructure", Infrastructure, withPerfGuard: false, application);
        return UpFixture.Root(new RoundTripVerifier.Test { TestCode = Web }, application, infrastructure).RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ALibraryReferencingBothLayers_DoesNotRepeatTheReport()
    {
        var application = MarkedProject.Build("Anchor.Application", Application).Project;
        var infrastructure = ReferencedProject.Build("Anchor.Infrastructure", Infrastructure, references: application);
        return UpFixture.References(new RoundTripVerifier.Test { TestCode = "public class Composition { }" }, application, infrastructure)
            .RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task WithoutTheImplementation_NothingIsReported()
    {
        var application = MarkedProject.Build("Anchor.Application", Application).Project;
        return UpFixture.Root(new RoundTripVerifier.Test { TestCode = "public static class Program { public static void Main() { } }" }, application)
            .RunAsync(CancellationToken.None);
    }

    [Fact]
    public void CallSiteRecords_WithAPathMap_AreTheSameInAnyFolder()
    {
        var first = MarkedProject.BuildIn("Anchor.Application", Application, "/build/one/src/", MapToDeterministicRoot("/build/one/src/"));
        var second = MarkedProject.BuildIn("Anchor.Application", Application, "/build/two/src/", MapToDeterministicRoot("/build/two/src/"));

        Assert.Contains("\\t/_/Anchor.Application.cs\\t", first.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("/build/", first.Summary, StringComparison.Ordinal);
        Assert.Equal(first.Summary, second.Summary);
    }

    [Fact]
    public void CallSiteRecords_WithoutAPathMap_KeepTheSourcePath()
    {
        var application = MarkedProject.BuildIn("Anchor.Application", Application, "/build/one/src/", pathMap: default);

        Assert.Contains("\\t/build/one/src/Anchor.Application.cs\\t", application.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task Infrastructure_ReportsAMappedCallSite_AtTheMappedPath()
    {
        var application = MarkedProject.BuildIn("Anchor.Application", Application, "/build/one/src/", MapToDeterministicRoot("/build/one/src/"));
        Assert.Equal("/_/Anchor.Application.cs", application.Path);

        var test = UpFixture.References(new RoundTripVerifier.Test { TestCode = Infrastructure }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(DatabaseRoundTripInLoopAnalyzer.CrossProjectRule, "PG0001")
            .WithArguments("leases.CountForPropertyAsync(id)", "foreach loop", "CountForPropertyAsync -> CountAsync", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    private static ImmutableArray<KeyValuePair<string, string>> MapToDeterministicRoot(string root) =>
        ImmutableArray.Create(new KeyValuePair<string, string>(root, "/_/"));
}
