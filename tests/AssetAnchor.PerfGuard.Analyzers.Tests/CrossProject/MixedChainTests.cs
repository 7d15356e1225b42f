using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Mixed chains (PG0001): a loop in the composition root calls a method of a referenced service project whose round
/// trip happens only through an interface declared in Domain and implemented in Persistence, a project the service
/// project does not reference (Practical.CleanArchitecture's Background -> Infrastructure's EmbeddingService ->
/// IRepository/IUnitOfWork -> Persistence). The service project records the contracts it waits for (field 13); the
/// root, which sees every side, joins them with Persistence's records and reports at its own loop.
/// </summary>
public sealed class MixedChainTests
{
    private const string Domain = """
        using System.Linq;
        using System.Threading.Tasks;

        namespace Anchor.Domain;

        public class Rate { public int Id { get; set; } public string Code { get; set; } = ""; public decimal Value { get; set; } }

        public interface IRateRepository
        {
            Task<decimal?> FindRateAsync(string code);
            Task<decimal?> PeekAsync(string code);
            IQueryable<Rate> Query();
        }

        public interface IUnitOfWork
        {
            Task<int> SaveChangesAsync();
        }
        """;

    // No reference to Persistence: every contract call here is unseen. The file imports EF Core: data-access code.
    private const string Services = """
        using System.Threading.Tasks;
        using Anchor.Domain;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Services;

        public class PricingService(IRateRepository rates, IUnitOfWork unitOfWork)
        {
            public async Task<decimal> PriceAsync(string code) => await rates.FindRateAsync(code) ?? 0m;

            public async Task<decimal> PriceViaHelperAsync(string code) => await LookupAsync(code) * 2;

            public Task<decimal?> PeekAsync(string code) => rates.PeekAsync(code);

            public Task<int> CommitAsync() => unitOfWork.SaveChangesAsync();

            public decimal Tax(decimal value) => value * 0.2m;

            private async Task<decimal> LookupAsync(string code) => await rates.FindRateAsync(code) ?? 0m;
        }

        // The EmbeddingService shape: an EF operator over the contract's query is a round trip here already.
        public class RateCache(IRateRepository rates)
        {
            public Task<Rate?> CachedAsync(string code) => rates.Query().FirstOrDefaultAsync(r => r.Code == code);
        }
        """;

    private const string Persistence = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Anchor.Domain;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Persistence;

        public class RatesContext(DbContextOptions<RatesContext> options) : DbContext(options), IUnitOfWork
        {
            public DbSet<Rate> Rates => Set<Rate>();

            public Task<int> SaveChangesAsync() => base.SaveChangesAsync();
        }

        public class RateRepository(RatesContext db) : IRateRepository
        {
            private readonly Dictionary<string, decimal> cache = new();

            public Task<decimal?> FindRateAsync(string code) =>
                db.Rates.Where(r => r.Code == code).Select(r => (decimal?)r.Value).FirstOrDefaultAsync();

            // No round trip: a dictionary.
            public Task<decimal?> PeekAsync(string code) => Task.FromResult(cache.TryGetValue(code, out var value) ? value : (decimal?)null);

            public IQueryable<Rate> Query() => db.Rates;
        }
        """;

    // A library between the root and Services: its RunAsync waits for what PriceAsync waits for.
    private const string Jobs = """
        using System.Threading.Tasks;
        using Anchor.Services;

        namespace Anchor.Jobs;

        public class RepricingJob(PricingService pricing)
        {
            public Task<decimal> RunAsync(string code) => pricing.PriceAsync(code);
        }
        """;

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Anchor.Services;

        """;

    private static readonly Lazy<ReferencedProject> DomainProject = new(() => ReferencedProject.Build("Anchor.Domain", Domain));
    private static readonly Lazy<ReferencedProject> ServicesProject = new(() => ReferencedProject.Build("Anchor.Services", Services, references: DomainProject.Value));
    private static readonly Lazy<ReferencedProject> PersistenceProject = new(() => ReferencedProject.Build("Anchor.Persistence", Persistence, references: DomainProject.Value));

    [Fact]
    public void TheServiceProjectRecordsTheContractsItWaitsFor()
    {
        var summary = ServicesProject.Value.Summary;
        Assert.NotNull(summary);
        var records = summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();
        const string FindRate = "M:Anchor.Domain.IRateRepository.FindRateAsync(System.String)";
        Assert.Contains(records, static r => r.Contains("M:Anchor.Services.PricingService.PriceAsync(System.String)", StringComparison.Ordinal) && r.EndsWith("\\t" + FindRate + "\")]", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Anchor.Services.PricingService.PriceViaHelperAsync(System.String)", StringComparison.Ordinal) && r.Contains(FindRate, StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Anchor.Services.PricingService.CommitAsync", StringComparison.Ordinal) && r.Contains("M:Anchor.Domain.IUnitOfWork.SaveChangesAsync", StringComparison.Ordinal));

        // Calls no contract: nothing to record. The EF operator over the contract's query: a round trip of its own (field 3).
        Assert.DoesNotContain(records, static r => r.Contains("PricingService.Tax", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("M:Anchor.Services.RateCache.CachedAsync(System.String)\\tCachedAsync -> FirstOrDefaultAsync", StringComparison.Ordinal));
    }

    [Fact]
    public void Field13_RoundTripsThroughEncoding_AndOlderRecordsHaveNone()
    {
        var record = new MethodSummary("M:A.S.Price(System.String)", null, SummaryRows.None, null, null, ordered: false, pendingContracts: new[] { "M:A.IRepo.Find(System.String)", "M:A.IUnitOfWork.Save" });
        var encoded = record.Encode();
        Assert.Equal(13, encoded.Split('\t').Length);
        var decoded = MethodSummary.Decode(encoded);
        Assert.NotNull(decoded);
        Assert.Equal(new[] { "M:A.IRepo.Find(System.String)", "M:A.IUnitOfWork.Save" }, decoded!.PendingContracts);
        Assert.True(decoded.Query.IsNone);
        Assert.Null(decoded.ReturnedEntity);
        Assert.Equal(-1, decoded.RowsOfParameter);

        // A record of an older writer (up to field 12) reads as before: no pending contracts.
        var older = MethodSummary.Decode("v1\tM:A.S.Get\t\tU\tT:A.Row\tdb.Rows\t-\t\t\t\t\tQ");
        Assert.NotNull(older);
        Assert.Empty(older!.PendingContracts);
        Assert.True(older.Query.IsDatabase);
    }

    [Fact]
    public void ThePrefilterKeepsAProjectWhoseTypesOnlyCallAContract()
    {
        // No context, set or queryable held anywhere in Services: only its calls of Domain's contracts keep it.
        Assert.False(SummaryPrefilter.RecordsNothing(ReferencedProject.CompileForPrefilter("Anchor.Services", Services, DomainProject.Value), CancellationToken.None));
        const string NoContractCall = """
            using Anchor.Domain;

            namespace Anchor.Formatting;

            public class RateFormatter
            {
                public string Format(Rate rate) => rate.Code + ": " + rate.Value;
            }
            """;
        Assert.True(SummaryPrefilter.RecordsNothing(ReferencedProject.CompileForPrefilter("Anchor.Formatting", NoContractCall, DomainProject.Value), CancellationToken.None));
    }

    [Fact]
    public void AServiceFileNotWrittenAgainstEfCore_StaysOnTheEarlyExit()
    {
        // The same pass-through call without `using Microsoft.EntityFrameworkCore;`: a service, not data-access code. Its
        // project writes the marker alone and never binds a symbol (the cost policy of the prefilter).
        const string PlainService = """
            using System.Threading.Tasks;
            using Anchor.Domain;

            namespace Anchor.Quotes;

            public class QuoteService(IRateRepository rates)
            {
                public async Task<decimal> QuoteAsync(string code) => await rates.FindRateAsync(code) ?? 0m;
            }
            """;
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: true, "Anchor.Quotes", PlainService, DomainProject.Value);
        Assert.Equal(ReferencedProject.MarkerOnlySummary, project.Summary);

        // With a global using of EF Core (ImplicitUsings or the project's own file) the same service is recorded.
        var global = ReferencedProject.BuildCheckingPrefilter(
            expectNothing: false, "Anchor.Quotes", "global using Microsoft.EntityFrameworkCore;\n" + PlainService, DomainProject.Value);
        Assert.Contains("M:Anchor.Quotes.QuoteService.QuoteAsync(System.String)", global.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task LoopInTheRoot_OverAServiceWhoseContractIsImplementedInASiblingProject_IsPG0001()
    {
        var test = Root(Usings + """
            public static class Program
            {
                public static async Task<decimal> Total(PricingService pricing, List<string> codes)
                {
                    var total = 0m;
                    foreach (var code in codes)
                    {
                        total += await {|#0:pricing.PriceAsync(code)|};
                    }
                    return total;
                }

                public static void Main() { }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DatabaseRoundTripInLoopAnalyzer.Rule).WithLocation(0)
            .WithArguments("PriceAsync -> IRateRepository.FindRateAsync -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ThroughAPrivateHelper_AndASaveThroughTheUnitOfWork_ArePG0001()
    {
        var test = Root(Usings + """
            public static class Program
            {
                public static async Task Run(PricingService pricing, List<string> codes)
                {
                    for (var i = 0; i < codes.Count; i++)
                    {
                        await {|#0:pricing.PriceViaHelperAsync(codes[i])|};
                        await {|#1:pricing.CommitAsync()|};
                    }
                }

                public static void Main() { }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DatabaseRoundTripInLoopAnalyzer.Rule).WithLocation(0)
            .WithArguments("PriceViaHelperAsync -> IRateRepository.FindRateAsync -> FirstOrDefaultAsync", "for loop", "load the rows once before it"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DatabaseRoundTripInLoopAnalyzer.Rule).WithLocation(1)
            .WithArguments("CommitAsync -> IUnitOfWork.SaveChangesAsync -> SaveChangesAsync", "for loop", "change the entities in the loop and save once after it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheEfOperatorOverTheContractsQuery_IsPG0001_EvenWithoutPersistence()
    {
        // The EmbeddingService shape: the service project itself records the round trip (field 3).
        var test = Root(Usings + """
            public static class Program
            {
                public static async Task Warm(RateCache cache, List<string> codes)
                {
                    foreach (var code in codes) await {|PG0001:cache.CachedAsync(code)|};
                }

                public static void Main() { }
            }
            """, withPersistence: false);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TrapCases_NoRoundTripImplementation_OutsideALoop_NoContract_AreQuiet()
    {
        var test = Root(Usings + """
            public static class Program
            {
                public static async Task<decimal> Run(PricingService pricing, List<string> codes)
                {
                    var total = 0m;
                    foreach (var code in codes)
                    {
                        total += await pricing.PeekAsync(code) ?? 0m;
                        total += pricing.Tax(total);
                    }
                    return total + await pricing.PriceAsync("EUR");
                }

                public static void Main() { }
            }
            """);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ARootThatDoesNotSeeTheImplementation_IsQuiet()
    {
        var test = Root(LoopOverPrice, withPersistence: false);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ATestProject_IsQuiet()
    {
        var test = Root(LoopOverPrice);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.IsTestProject = true\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ALibraryBetween_ThatDoesNotSeePersistence_PassesTheContractsOn()
    {
        // Jobs references Services (not Persistence): its RunAsync waits for the same contract, and the root joins it.
        var jobs = ReferencedProject.Build("Anchor.Jobs", Jobs, references: new[] { DomainProject.Value, ServicesProject.Value });
        Assert.Contains("M:Anchor.Jobs.RepricingJob.RunAsync(System.String)", jobs.Summary, StringComparison.Ordinal);
        var test = Root("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anchor.Jobs;

            public static class Program
            {
                public static async Task Run(RepricingJob job, List<string> codes)
                {
                    foreach (var code in codes) await {|#0:job.RunAsync(code)|};
                }

                public static void Main() { }
            }
            """);
        test.TestState.AdditionalReferences.Add(jobs.Reference);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DatabaseRoundTripInLoopAnalyzer.Rule).WithLocation(0)
            .WithArguments("RunAsync -> IRateRepository.FindRateAsync -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void ALibraryBetween_ThatSeesPersistence_RecordsTheJoinedChain()
    {
        // It sees every side: the chain is its own round trip (field 3), Down from here, and it waits for nothing.
        var jobs = ReferencedProject.Build("Anchor.Jobs", Jobs, references: new[] { DomainProject.Value, ServicesProject.Value, PersistenceProject.Value });
        Assert.Contains(
            "M:Anchor.Jobs.RepricingJob.RunAsync(System.String)\\tRunAsync -> PriceAsync -> IRateRepository.FindRateAsync -> FirstOrDefaultAsync\\t-\\t\\t\\t-\")]",
            jobs.Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public Task TheRootsOwnImplementation_CompletesTheChain()
    {
        var test = Root(Usings + """
            using System.Linq;
            using Anchor.Domain;
            using Microsoft.EntityFrameworkCore;

            public class RootContext(DbContextOptions<RootContext> options) : DbContext(options)
            {
                public DbSet<Rate> Rates => Set<Rate>();
            }

            public class RootRates(RootContext db) : IRateRepository
            {
                public Task<decimal?> FindRateAsync(string code) => db.Rates.Where(r => r.Code == code).Select(r => (decimal?)r.Value).SingleOrDefaultAsync();
                public Task<decimal?> PeekAsync(string code) => Task.FromResult<decimal?>(null);
                public IQueryable<Rate> Query() => db.Rates;
            }

            public static class Program
            {
                public static async Task Run(PricingService pricing, List<string> codes)
                {
                    foreach (var code in codes) await {|#0:pricing.PriceAsync(code)|};
                }

                public static void Main() { }
            }
            """, withPersistence: false);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DatabaseRoundTripInLoopAnalyzer.Rule).WithLocation(0)
            .WithArguments("PriceAsync -> IRateRepository.FindRateAsync -> SingleOrDefaultAsync", "foreach loop", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ACycleThroughTheRootsOwnImplementation_EndsQuietly()
    {
        // The root's implementation calls the service back: the join ends instead of recursing, and finds no round trip.
        var test = Root(Usings + """
            using System.Linq;
            using Anchor.Domain;

            public class LoopingRates(PricingService pricing) : IRateRepository
            {
                public async Task<decimal?> FindRateAsync(string code) => await pricing.PriceAsync(code);
                public Task<decimal?> PeekAsync(string code) => Task.FromResult<decimal?>(null);
                public IQueryable<Rate> Query() => new List<Rate>().AsQueryable();
            }

            public static class Program
            {
                public static async Task Run(PricingService pricing, List<string> codes)
                {
                    foreach (var code in codes) await pricing.PriceAsync(code);
                }

                public static void Main() { }
            }
            """, withPersistence: false);
        return test.RunAsync(CancellationToken.None);
    }

    private const string Batch = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Anchor.Services;

        namespace Anchor.Batch;

        public class RepricingBatch(PricingService pricing)
        {
            public async Task<decimal> RunAsync(List<string> codes)
            {
                var total = 0m;
                foreach (var code in codes)
                {
                    total += await {|PG0001:pricing.PriceAsync(code)|};
                }
                return total;
            }
        }
        """;

    [Fact]
    public Task ALoopInALibraryThatDoesNotSeePersistence_IsReportedOnce_ByTheFirstProjectThatSeesEverySide()
    {
        // The library records the loop as a call site on the contract PriceAsync waits for (v1c); the root, the first
        // that sees the library and Persistence, reports it at the library's line (an Up join: IsFirstToSee).
        TestFileMarkupParser.GetSpans(Batch, out var batchSource, out System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> spans);
        var batch = ReferencedProject.Build("Anchor.Batch", batchSource, references: new[] { DomainProject.Value, ServicesProject.Value });
        Assert.Contains("v1c\\tM:Anchor.Domain.IRateRepository.FindRateAsync(System.String)", batch.Summary, StringComparison.Ordinal);

        var test = Root("""
            public static class Program
            {
                public static void Main() => System.Console.WriteLine(typeof(Anchor.Batch.RepricingBatch).Name);
            }
            """);
        test.TestState.AdditionalReferences.Add(batch.Reference);
        test.ExpectedDiagnostics.Add(ReferencedProject.DiagnosticAt(DatabaseRoundTripInLoopAnalyzer.CrossProjectRule, "Anchor.Batch.cs", batchSource, spans["PG0001"].Single())
            .WithArguments("pricing.PriceAsync(code)", "foreach loop", "FindRateAsync -> FirstOrDefaultAsync", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ALoopInALibraryThatDoesNotSeePersistence_TheRootOverALibraryThatSawEverySide_IsQuiet()
    {
        TestFileMarkupParser.GetSpans(Batch, out var batchSource, out System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> _);
        var batch = ReferencedProject.Build("Anchor.Batch", batchSource, references: new[] { DomainProject.Value, ServicesProject.Value });
        const string Composition = """
            namespace Anchor.Composition;

            public static class Wiring
            {
                public static string Describe(Anchor.Batch.RepricingBatch batch, Anchor.Persistence.RateRepository rates) => batch.ToString() + rates;
            }
            """;
        var composition = ReferencedProject.Build(
            "Anchor.Composition", Composition, references: new[] { DomainProject.Value, ServicesProject.Value, PersistenceProject.Value, batch });
        var test = Root("""
            public static class Program
            {
                public static void Main() => System.Console.WriteLine(typeof(Anchor.Composition.Wiring).Name);
            }
            """);
        test.TestState.AdditionalReferences.Add(batch.Reference);
        test.TestState.AdditionalReferences.Add(composition.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    private const string LoopOverPrice = Usings + """
        public static class Program
        {
            public static async Task Run(PricingService pricing, List<string> codes)
            {
                foreach (var code in codes) await pricing.PriceAsync(code);
            }

            public static void Main() { }
        }
        """;

    private static RoundTripVerifier.Test Root(string source, bool withPersistence = true)
    {
        var test = new RoundTripVerifier.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(DomainProject.Value.Reference);
        test.TestState.AdditionalReferences.Add(ServicesProject.Value.Reference);
        if (withPersistence)
        {
            test.TestState.AdditionalReferences.Add(PersistenceProject.Value.Reference);
        }

        return test;
    }
}
