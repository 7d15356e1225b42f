using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The facts sit in a referenced project (Web -> Application -> Infrastructure): the referenced assemblies carry the
/// summaries PerfGuard's generator recorded, and the project under test reads them from metadata.
/// </summary>
public sealed class DownDirectionTests
{
    private static readonly Lazy<ReferencedProject> Infrastructure = new(() => ReferencedProject.Build("Anchor.Infrastructure", LayeredSolution.Infrastructure));
    private static readonly Lazy<ReferencedProject> Application = new(() => ReferencedProject.Build("Anchor.Application", LayeredSolution.Application, references: Infrastructure.Value));
    private static readonly Lazy<ReferencedProject> InfrastructureWithoutPerfGuard = new(() => ReferencedProject.Build("Anchor.Infrastructure", LayeredSolution.Infrastructure, withPerfGuard: false));

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Anchor.Application;
        using Anchor.Infrastructure;

        """;

    [Fact]
    public void TheSummaryRecordsWhatTheBodiesDo()
    {
        var summary = Infrastructure.Value.Summary;
        Assert.NotNull(summary);
        var records = summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();
        Assert.Contains(records, static r => r.Contains("M:Anchor.Infrastructure.IPropertyRepository.CountLeasesAsync(System.Int32)", StringComparison.Ordinal) && r.Contains("CountAsync", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Anchor.Infrastructure.PropertyRepository.ListAllAsync", StringComparison.Ordinal) && r.Contains("\\tU\\t", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Anchor.Infrastructure.PropertyRepository.ListRecentAsync", StringComparison.Ordinal) && r.Contains("\\tB\\t", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static r => r.Contains("FindCachedAsync", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static r => r.Contains("LeaseAudit", StringComparison.Ordinal));

        // The service project records the chain through the repository it only knows from metadata.
        Assert.Contains("IsLetAsync -> CountLeasesAsync", Application.Value.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryRecordsRoundTripThroughEncoding()
    {
        var record = new MethodSummary("M:A.B.C(System.Int32)", "C -> ToListAsync", SummaryRows.Unbounded, "T:A.Row", "db.Rows\n   .ToListAsync()", ordered: true);
        var decoded = MethodSummary.Decode(record.Encode());
        Assert.NotNull(decoded);
        Assert.Equal("M:A.B.C(System.Int32)", decoded!.MethodId);
        Assert.Equal("C -> ToListAsync", decoded.RoundTrip);
        Assert.Equal(SummaryRows.Unbounded, decoded.Rows);
        Assert.Equal("db.Rows .ToListAsync()", decoded.QueryText);
        Assert.True(decoded.Ordered);
        Assert.Null(MethodSummary.Decode("v2\tM:X"));
    }

    [Fact]
    public Task RepositoryInterfaceOfAReferencedProject_InALoop_IsPG0001() => VerifyRoundTrips(Usings + """
        public class LettingReport(IPropertyRepository properties)
        {
            public async Task<int> LetCount(List<int> ids)
            {
                var let = 0;
                foreach (var id in ids)
                {
                    if (await {|PG0001:properties.CountLeasesAsync(id)|} > 0) let++;
                }
                return let;
            }
        }
        """);

    [Fact]
    public Task StaticQueryHelperOfAReferencedProject_InALoop_IsPG0001() => VerifyRoundTrips(Usings + """
        public class RentReport(AnchorContext db)
        {
            public decimal Total(List<int> ids)
            {
                var total = 0m;
                for (var i = 0; i < ids.Count; i++) total += {|PG0001:LeaseQueries.TotalRent(db, ids[i])|};
                return total;
            }
        }
        """);

    [Fact]
    public Task ServiceTwoProjectsDown_InALoop_IsPG0001() => VerifyRoundTrips(Usings + """
        public class LettingPage(RentService rents)
        {
            public async Task<List<int>> Let(List<int> ids)
            {
                var let = new List<int>();
                foreach (var id in ids) if (await {|PG0001:rents.IsLetAsync(id)|}) let.Add(id);
                return let;
            }
        }
        """);

    [Fact]
    public Task ReferencedMethodThatMakesNoRoundTrip_IsNotReported() => VerifyRoundTrips(Usings + """
        public class Lookups(IPropertyRepository properties, RentService rents)
        {
            public async Task<int> Cached(List<int> ids)
            {
                var found = 0;
                foreach (var id in ids)
                {
                    if (await properties.FindCachedAsync(id) is not null) found++;
                    found += rents.Double(id);
                }
                return found;
            }
        }
        """);

    [Fact]
    public Task PackageBuiltWithoutPerfGuard_KeepsTheNarrowFallback()
    {
        // Without a summary only the Task<entity> heuristic applies: it reports the cached lookup (a known false
        // report of the fallback) and misses the Task<int> count. With a summary both are right (tests above).
        var test = new RoundTripVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Anchor.Infrastructure;

                public class Lookups(IPropertyRepository properties)
                {
                    public async Task<int> Count(List<int> ids)
                    {
                        var found = 0;
                        foreach (var id in ids)
                        {
                            if (await {|PG0001:properties.FindCachedAsync(id)|} is not null) found++;
                            found += await properties.CountLeasesAsync(id);
                        }
                        return found;
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(InfrastructureWithoutPerfGuard.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task EndpointsOverReferencedQueries_TrustTheSummaryNotTheName() => VerifyEndpoints(Usings + """
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("properties")]
        public class PropertiesController(IPropertyRepository properties, RentService rents) : ControllerBase
        {
            [HttpGet("paged")]
            public Task<List<PropertyDto>> {|PG0004:Paged|}(int page) => properties.GetPagedAsync(page);

            [HttpGet("all")]
            public Task<List<PropertyDto>> {|PG0004:All|}() => properties.ListAllAsync();

            [HttpGet("catalogue")]
            public async Task<IActionResult> {|PG0004:Catalogue|}() => Ok(await rents.CatalogueAsync());

            [HttpGet("recent")]
            public Task<List<PropertyDto>> Recent() => properties.ListRecentAsync();
        }
        """);

    private static Task VerifyRoundTrips(string source)
    {
        var test = new RoundTripVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(Infrastructure.Value.Reference);
        test.TestState.AdditionalReferences.Add(Application.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyEndpoints(string source)
    {
        var test = new EndpointVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(Infrastructure.Value.Reference);
        test.TestState.AdditionalReferences.Add(Application.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
