using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Compiled queries and MediatR sends are round trips of the shared summaries: a referenced project records them, so
/// a loop in the project that calls its helpers is reported without seeing their bodies.
/// </summary>
public sealed class TravellingRoundTripTests
{
    private const string DataProject = """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace MediatR
        {
            public interface IRequest<out TResponse> { }

            public interface ISender
            {
                Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
            }

            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }
        }

        namespace Anchor.Data
        {
            public class Tenant { public int Id { get; set; } public string Name { get; set; } = ""; }

            public class TenantContext : DbContext
            {
                public DbSet<Tenant> Tenants => Set<Tenant>();
            }

            public static class TenantQueries
            {
                private static readonly Func<TenantContext, int, Task<Tenant?>> ById =
                    EF.CompileAsyncQuery((TenantContext db, int id) => db.Tenants.FirstOrDefault(t => t.Id == id));

                public static Task<Tenant?> ByIdAsync(TenantContext db, int id) => ById(db, id);

                public static string Shout(string name) => name.ToUpperInvariant();
            }

            public sealed record CountNamed(string Name) : MediatR.IRequest<int>;

            public sealed class CountNamedHandler(TenantContext db) : MediatR.IRequestHandler<CountNamed, int>
            {
                public Task<int> Handle(CountNamed request, CancellationToken cancellationToken) =>
                    db.Tenants.CountAsync(t => t.Name == request.Name, cancellationToken);
            }

            // The generator summarises data-access types (here: it holds the context); a class that only holds an
            // ISender is not one (see docs/rules/PG0001.md, Known limits).
            public sealed class TenantLookup(TenantContext db, MediatR.ISender sender)
            {
                public Task<int> CountNamedAsync(string name) => sender.Send(new CountNamed(name));

                public Task<int> CountAllAsync() => db.Tenants.CountAsync();
            }
        }
        """;

    private static readonly Lazy<ReferencedProject> Data = new(() => ReferencedProject.Build("Anchor.Data", DataProject));

    [Fact]
    public void TheSummaryRecordsCompiledQueriesAndMediatorSends()
    {
        var summary = Data.Value.Summary;
        Assert.NotNull(summary);
        Assert.Contains("ByIdAsync -> ById (compiled query)", summary, StringComparison.Ordinal);
        Assert.Contains("CountNamedAsync -> Handle -> CountAsync", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Shout", summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task HelpersOfAReferencedProject_InALoop_ArePG0001()
    {
        var test = new RoundTripVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Anchor.Data;

                public class Report(TenantContext db, TenantLookup lookup)
                {
                    public async Task<int> Run(List<int> ids, List<string> names)
                    {
                        var found = 0;
                        foreach (var id in ids)
                        {
                            if (await {|PG0001:TenantQueries.ByIdAsync(db, id)|} is not null) found++;
                        }

                        foreach (var name in names)
                        {
                            found += await {|PG0001:lookup.CountNamedAsync(name)|};
                            found += TenantQueries.Shout(name).Length;
                        }

                        return found;
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(Data.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
