using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// AndiHahn's <c>BillController.List</c>: Web builds <c>new SearchBillsQuery(userId, parameters.PageSize, ..)</c>, a
/// class of Application whose constructor stores the size into a get-only <c>PageSize</c>, and sends it through
/// MediatR; the handler in Application takes <c>request.PageSize</c> into <c>Take</c>, and the request's validator says
/// only <c>GreaterThan(0)</c>. Application records which constructor parameter lands in which property (<c>v1s</c>), so
/// Web follows the endpoint's value into the property as in one compilation. A constructor that clamps, a validator with
/// an upper bound, or a handler that clamps stays quiet.
/// </summary>
public sealed class PageSizeThroughReferencedConstructorTests
{
    private const string Application = $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        {{AssetAnchorModel.MediatR}}
        namespace FluentValidation
        {
            public class RuleBuilder<T, TProperty>
            {
                public RuleBuilder<T, TProperty> GreaterThan(TProperty value) => this;
                public RuleBuilder<T, TProperty> LessThanOrEqualTo(TProperty value) => this;
                public RuleBuilder<T, TProperty> NotEmpty() => this;
            }

            public abstract class AbstractValidator<T>
            {
                protected RuleBuilder<T, TProperty> RuleFor<TProperty>(System.Linq.Expressions.Expression<Func<T, TProperty>> expression) => new();
            }
        }

        namespace Shop.Application
        {
            using FluentValidation;
            using MediatR;

            public class Bill { public int Id { get; set; } public Guid OwnerId { get; set; } }

            public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
            {
                public DbSet<Bill> Bills => Set<Bill>();
            }

            public class SearchBillsQuery : IRequest<List<Bill>>
            {
                public SearchBillsQuery(Guid currentUserId, int pageSize = 10, int pageIndex = 0)
                {
                    this.CurrentUserId = currentUserId;
                    this.PageSize = pageSize;
                    this.PageIndex = pageIndex;
                }

                public Guid CurrentUserId { get; }
                public int PageSize { get; }
                public int PageIndex { get; }
            }

            public class SearchBillsQueryValidator : AbstractValidator<SearchBillsQuery>
            {
                public SearchBillsQueryValidator()
                {
                    RuleFor(query => query.CurrentUserId).NotEmpty();
                    RuleFor(query => query.PageSize).GreaterThan(0);
                }
            }

            internal class SearchBillsQueryHandler(ShopContext db) : IRequestHandler<SearchBillsQuery, List<Bill>>
            {
                public Task<List<Bill>> Handle(SearchBillsQuery request, CancellationToken cancellationToken) =>
                    db.Bills.Where(b => b.OwnerId == request.CurrentUserId).OrderBy(b => b.Id)
                        .Skip(request.PageIndex * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
            }

            // The constructor clamps: nothing recorded, the endpoint's value does not reach the property unchanged.
            public class CappedBillsQuery : IRequest<List<Bill>>
            {
                public CappedBillsQuery(int pageSize)
                {
                    PageSize = Math.Min(pageSize, 100);
                }

                public int PageSize { get; }
            }

            internal class CappedBillsQueryHandler(ShopContext db) : IRequestHandler<CappedBillsQuery, List<Bill>>
            {
                public Task<List<Bill>> Handle(CappedBillsQuery request, CancellationToken cancellationToken) =>
                    db.Bills.OrderBy(b => b.Id).Take(request.PageSize).ToListAsync(cancellationToken);
            }

            // Plain stores, but the validator caps the size: the handler's record has no page size.
            public class ValidatedBillsQuery : IRequest<List<Bill>>
            {
                public ValidatedBillsQuery(int pageSize) { PageSize = pageSize; }

                public int PageSize { get; }
            }

            public class ValidatedBillsQueryValidator : AbstractValidator<ValidatedBillsQuery>
            {
                public ValidatedBillsQueryValidator() => RuleFor(q => q.PageSize).GreaterThan(0).LessThanOrEqualTo(100);
            }

            internal class ValidatedBillsQueryHandler(ShopContext db) : IRequestHandler<ValidatedBillsQuery, List<Bill>>
            {
                public Task<List<Bill>> Handle(ValidatedBillsQuery request, CancellationToken cancellationToken) =>
                    db.Bills.OrderBy(b => b.Id).Take(request.PageSize).ToListAsync(cancellationToken);
            }

            // Plain stores, the handler clamps.
            public class ClampedInHandlerQuery : IRequest<List<Bill>>
            {
                public ClampedInHandlerQuery(int pageSize) { PageSize = pageSize; }

                public int PageSize { get; }
            }

            internal class ClampedInHandlerQueryHandler(ShopContext db) : IRequestHandler<ClampedInHandlerQuery, List<Bill>>
            {
                public Task<List<Bill>> Handle(ClampedInHandlerQuery request, CancellationToken cancellationToken) =>
                    db.Bills.OrderBy(b => b.Id).Take(Math.Clamp(request.PageSize, 1, 50)).ToListAsync(cancellationToken);
            }

            // A primary constructor's parameter as the property's initializer: the same store (v1s).
            public class RecentBillsQuery(int pageSize) : IRequest<List<Bill>>
            {
                public int PageSize { get; } = pageSize;
            }

            internal class RecentBillsQueryHandler(ShopContext db) : IRequestHandler<RecentBillsQuery, List<Bill>>
            {
                public Task<List<Bill>> Handle(RecentBillsQuery request, CancellationToken cancellationToken) =>
                    db.Bills.OrderByDescending(b => b.Id).Take(request.PageSize).ToListAsync(cancellationToken);
            }

            // Stores, then guards: any statement but a plain store may bound it.
            public class GuardedBillsQuery : IRequest<List<Bill>>
            {
                public GuardedBillsQuery(int pageSize)
                {
                    PageSize = pageSize;
                    if (pageSize > 100) throw new ArgumentOutOfRangeException(nameof(pageSize));
                }

                public int PageSize { get; }
            }

            internal class GuardedBillsQueryHandler(ShopContext db) : IRequestHandler<GuardedBillsQuery, List<Bill>>
            {
                public Task<List<Bill>> Handle(GuardedBillsQuery request, CancellationToken cancellationToken) =>
                    db.Bills.OrderBy(b => b.Id).Take(request.PageSize).ToListAsync(cancellationToken);
            }
        }
        """;

    private const string Web = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MediatR;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Application;

        public class SearchBillsParameters
        {
            public int PageSize { get; set; } = 10;
            public int PageIndex { get; set; }
        }

        [ApiController, Route("bills")]
        public class BillController(ISender sender) : ControllerBase
        {
            private readonly Guid currentUserId = Guid.NewGuid();

            [HttpGet]
            public Task<List<Bill>> List([FromQuery] SearchBillsParameters parameters, CancellationToken cancellationToken) =>
                sender.Send(new SearchBillsQuery(this.currentUserId, {|PG0006:parameters.PageSize|}, parameters.PageIndex), cancellationToken);

            [HttpGet("named")]
            public Task<List<Bill>> Named(int pageSize, CancellationToken cancellationToken) =>
                sender.Send(new SearchBillsQuery(pageIndex: 0, pageSize: {|PG0006:pageSize|}, currentUserId: currentUserId), cancellationToken);

            // The default (10) is used: no request value.
            [HttpGet("default")]
            public Task<List<Bill>> Default(CancellationToken cancellationToken) => sender.Send(new SearchBillsQuery(currentUserId), cancellationToken);

            [HttpGet("clamped-here")]
            public Task<List<Bill>> ClampedHere(int pageSize, CancellationToken cancellationToken) =>
                sender.Send(new SearchBillsQuery(currentUserId, Math.Min(pageSize, 100)), cancellationToken);

            [HttpGet("capped")]
            public Task<List<Bill>> Capped(int pageSize, CancellationToken cancellationToken) => sender.Send(new CappedBillsQuery(pageSize), cancellationToken);

            [HttpGet("validated")]
            public Task<List<Bill>> Validated(int pageSize, CancellationToken cancellationToken) => sender.Send(new ValidatedBillsQuery(pageSize), cancellationToken);

            [HttpGet("clamped-in-handler")]
            public Task<List<Bill>> ClampedInHandler(int pageSize, CancellationToken cancellationToken) =>
                sender.Send(new ClampedInHandlerQuery(pageSize), cancellationToken);

            [HttpGet("recent")]
            public Task<List<Bill>> Recent(int pageSize, CancellationToken cancellationToken) => sender.Send(new RecentBillsQuery({|PG0006:pageSize|}), cancellationToken);

            [HttpGet("guarded")]
            public Task<List<Bill>> Guarded(int pageSize, CancellationToken cancellationToken) => sender.Send(new GuardedBillsQuery(pageSize), cancellationToken);
        }
        """;

    private static readonly Lazy<ReferencedProject> ApplicationProject = new(() => ReferencedProject.Build("Shop.Application", Application));

    [Fact]
    public void TheDeclaringProject_RecordsThePlainStoresOnly()
    {
        var stores = Records(ApplicationProject.Value.Summary, ConstructorStoreRecord.Marker);
        Assert.Contains("v1s\\tT:Shop.Application.SearchBillsQuery\\tcurrentUserId,pageSize,pageIndex\\t1\\tPageSize", stores);
        Assert.Contains("v1s\\tT:Shop.Application.SearchBillsQuery\\tcurrentUserId,pageSize,pageIndex\\t2\\tPageIndex", stores);
        Assert.Contains("v1s\\tT:Shop.Application.ValidatedBillsQuery\\tpageSize\\t0\\tPageSize", stores);
        Assert.Contains("v1s\\tT:Shop.Application.RecentBillsQuery\\tpageSize\\t0\\tPageSize", stores);
        Assert.DoesNotContain(stores, static s => s.Contains("CappedBillsQuery", StringComparison.Ordinal) || s.Contains("GuardedBillsQuery", StringComparison.Ordinal));

        // The handler's record: a validator with GreaterThan(0) only leaves the page size unbounded, one with LessThanOrEqualTo does not.
        var handlers = Records(ApplicationProject.Value.Summary, HandlerRecord.Marker);
        Assert.EndsWith("\\t0.PageSize", Assert.Single(handlers, static h => h.Contains("T:Shop.Application.SearchBillsQuery\\t", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("PageSize", Assert.Single(handlers, static h => h.Contains("T:Shop.Application.ValidatedBillsQuery\\t", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public Task Down_TheEndpointsValue_IsFollowedIntoTheReferencedConstructorsStore() => VerifyWith(Web, ApplicationProject.Value);

    [Fact]
    public void TheRecord_RoundTrips_AndADamagedOneIsSkipped()
    {
        var record = new ConstructorStoreRecord("T:A.Q", "page,pageSize", 1, "PageSize");
        var decoded = ConstructorStoreRecord.Decode(record.Encode())!;
        Assert.Equal(("T:A.Q", "page,pageSize", 1, "PageSize"), (decoded.TypeId, decoded.ParameterNames, decoded.Ordinal, decoded.Property));
        Assert.Null(ConstructorStoreRecord.Decode("v1s\tT:A.Q\tpage\tx\tPageSize"));
        Assert.Null(ConstructorStoreRecord.Decode("v1s\tT:A.Q\tpage\t0"));
        Assert.Null(ConstructorStoreRecord.Decode("v1c\tT:A.Q\tpage\t0\tPageSize"));
    }

    /// <summary>
    /// The records are written from syntax: in a project with EF Core that the summary prefilter lets write the marker
    /// alone (request classes only), and in one without EF Core (no marker); nested public classes carry their
    /// container in the ID, non-public ones and constructors that chain (<c>: this(..)</c>) are not recorded.
    /// </summary>
    [Fact]
    public void TheRecordsAreWritten_WithTheMarkerAlone_AndWithoutEfCore()
    {
        const string Contracts = """
            namespace Shop.Contracts
            {
                public class Paging
                {
                    public Paging(int page, int size) { Page = page; Size = size; }
                    public Paging(int size) : this(1, size) { }
                    public int Page { get; }
                    public long? Size { get; private set; }

                    public class Nested { public Nested(int take) => Take = take; public Nested(int take, int skip) { Take = take; } public int Take { get; } }
                }

                internal class Hidden { public Hidden(int size) { Size = size; } public int Size { get; } }
                public class Computed { private readonly int size; public Computed(int size) { this.size = size; } public int Size => size; }
                public class Generic<T> { public Generic(int size) { Size = size; } public int Size { get; } }
                public class Primary(int skip, int take) { public int Skip { get; } = skip; public int Take { get; } = take; public int Max { get; } = 100; }
                public class PrimaryCapped(int take) { public int Take { get; } = System.Math.Min(take, 100); }
            }
            """;

        var withEfCore = ReferencedProject.Build("Shop.Contracts", Contracts).Summary;
        Assert.Contains("\"v1\")]", withEfCore, StringComparison.Ordinal);
        var expected = new[]
        {
            "v1s\\tT:Shop.Contracts.Paging\\tpage,size\\t0\\tPage",
            "v1s\\tT:Shop.Contracts.Paging\\tpage,size\\t1\\tSize",
            "v1s\\tT:Shop.Contracts.Paging.Nested\\ttake\\t0\\tTake",
            "v1s\\tT:Shop.Contracts.Paging.Nested\\ttake,skip\\t0\\tTake",
            "v1s\\tT:Shop.Contracts.Generic`1\\tsize\\t0\\tSize",
            "v1s\\tT:Shop.Contracts.Primary\\tskip,take\\t0\\tSkip",
            "v1s\\tT:Shop.Contracts.Primary\\tskip,take\\t1\\tTake",
        };
        Assert.Equal(expected, Records(withEfCore, ConstructorStoreRecord.Marker));
        Assert.True(SummaryPrefilter.RecordsNothing(ReferencedProject.CompileForPrefilter("Shop.Contracts", Contracts), CancellationToken.None));

        var compilation = CSharpCompilation.Create(
            "Shop.Contracts",
            new[] { CSharpSyntaxTree.ParseText(Contracts, new CSharpParseOptions(LanguageVersion.Latest)) },
            Verifiers.TestReferences.All.Where(static r => !(r.Display ?? string.Empty).Contains("EntityFrameworkCore", StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var run = CSharpGeneratorDriver.Create(new DataAccessSummaryGenerator().AsSourceGenerator()).RunGenerators(compilation).GetRunResult();
        var withoutEfCore = Assert.Single(run.GeneratedTrees).GetText().ToString();
        Assert.DoesNotContain("\"v1\")]", withoutEfCore, StringComparison.Ordinal);
        Assert.Equal(expected, Records(withoutEfCore, ConstructorStoreRecord.Marker));

        // A type with no integral auto-property writes nothing, with or without EF Core.
        var plain = CSharpCompilation.Create(
            "Shop.Plain",
            new[] { CSharpSyntaxTree.ParseText("namespace P { public class Name { public Name(string text) { Text = text; } public string Text { get; } } }") },
            compilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(CSharpGeneratorDriver.Create(new DataAccessSummaryGenerator().AsSourceGenerator()).RunGenerators(plain).GetRunResult().GeneratedTrees);
    }

    private static List<string> Records(string? summary, string marker) =>
        (summary ?? string.Empty).Split('\n')
            .Select(static line => line.Trim())
            .Where(line => line.Contains("\"" + marker + "\\t", StringComparison.Ordinal))
            .Select(static line => line.Substring(line.IndexOf("\", \"", StringComparison.Ordinal) + 4).TrimEnd(')', ']').TrimEnd('"'))
            .ToList();

    private static Task VerifyWith(string source, ReferencedProject project)
    {
        var test = new PageSizeVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
