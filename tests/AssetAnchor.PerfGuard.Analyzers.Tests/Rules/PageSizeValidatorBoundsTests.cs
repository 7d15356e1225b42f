using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0006 and FluentValidation: only a rule that bounds the page size from above (LessThan, LessThanOrEqualTo,
/// InclusiveBetween, ExclusiveBetween, or a Must/rule that cannot be read) counts as a bound. A validator whose rules for
/// the property are lower bounds only (AndiHahn's <c>RuleFor(q =&gt; q.PageSize).GreaterThan(0)</c>) lets a million through.
/// </summary>
public sealed class PageSizeValidatorBoundsTests
{
    /// <summary>The part of FluentValidation the rules below call.</summary>
    private const string FluentValidation = """
        public class RuleBuilder<T, TProperty>
        {
            public RuleBuilder<T, TProperty> GreaterThan(TProperty value) => this;
            public RuleBuilder<T, TProperty> GreaterThanOrEqualTo(TProperty value) => this;
            public RuleBuilder<T, TProperty> LessThan(TProperty value) => this;
            public RuleBuilder<T, TProperty> LessThanOrEqualTo(TProperty value) => this;
            public RuleBuilder<T, TProperty> InclusiveBetween(TProperty from, TProperty to) => this;
            public RuleBuilder<T, TProperty> ExclusiveBetween(TProperty from, TProperty to) => this;
            public RuleBuilder<T, TProperty> NotEmpty() => this;
            public RuleBuilder<T, TProperty> NotNull() => this;
            public RuleBuilder<T, TProperty> Must(Func<TProperty, bool> predicate) => this;
            public RuleBuilder<T, TProperty> WithMessage(string message) => this;
        }

        public abstract class AbstractValidator<T>
        {
            protected RuleBuilder<T, TProperty> RuleFor<TProperty>(System.Linq.Expressions.Expression<Func<T, TProperty>> expression) => new();
        }

        """;

    private static Task Verify(string code) => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + FluentValidation + code);

    /// <summary>A DTO named <paramref name="dto"/> with PageSize and Search, its validator's constructor body, and an endpoint taking its PageSize into Take.</summary>
    private static string Case(string dto, string rules, bool reported) => $$"""
        public class {{dto}} { public int PageSize { get; set; } = 20; public string Search { get; set; } = ""; }

        public class {{dto}}Validator : AbstractValidator<{{dto}}>
        {
            public {{dto}}Validator()
            {
                {{rules}}
            }
        }

        [ApiController, Route("api/{{dto}}")]
        public class {{dto}}Controller(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Tenant>> Get([FromQuery] {{dto}} query) =>
                db.Tenants.OrderBy(t => t.TenantId).Take({{(reported ? "{|PG0006:query.PageSize|}" : "query.PageSize")}}).ToListAsync();
        }

        """;

    [Fact]
    public Task AValidatorWithOnlyLowerBoundsForThePageSize_DoesNotBoundIt() => Verify(
        Case("GreaterThanZero", "RuleFor(q => q.PageSize).GreaterThan(0);", reported: true) +
        Case("NotEmptyAndAtLeastOne", "RuleFor(q => q.PageSize).NotEmpty().NotNull().GreaterThanOrEqualTo(1).WithMessage(\"at least one\");", reported: true) +
        Case("OtherPropertyOnly", "RuleFor(q => q.Search).Must(s => s is null || s.Length < 50);", reported: true) +
        Case("BareRule", "RuleFor(q => q.PageSize);", reported: true));

    [Fact]
    public Task AValidatorWithAnUpperBoundForThePageSize_BoundsIt() => Verify(
        Case("AtMostHundred", "RuleFor(q => q.PageSize).GreaterThan(0).LessThanOrEqualTo(100);", reported: false) +
        Case("BelowHundred", "RuleFor(q => q.PageSize).LessThan(100).WithMessage(\"too large\");", reported: false) +
        Case("Inclusive", "RuleFor(q => q.PageSize).InclusiveBetween(1, 100);", reported: false) +
        Case("Exclusive", "RuleFor(q => q.PageSize).ExclusiveBetween(0, 101);", reported: false) +
        Case("Predicate", "RuleFor(q => q.PageSize).Must(size => size <= 100);", reported: false) +
        // A builder kept in a local and chained in a later statement is not read: it may bound the size.
        Case("KeptBuilder", "var size = RuleFor(q => q.PageSize); size.LessThanOrEqualTo(100);", reported: false) +
        // A rule on something else than one property of the request is not read: it may bound the size.
        Case("WholeObject", "RuleFor(q => q).Must(q => q.PageSize <= 100); RuleFor(q => q.PageSize).GreaterThan(0);", reported: false));

    [Fact]
    public Task AnUpperBoundInABaseValidator_OrASecondValidator_BoundsIt() => Verify("""
        public abstract class PagedRequest { public int PageSize { get; set; } = 20; }
        public sealed class ListTenantsRequest : PagedRequest { }
        public sealed class ListAllTenantsRequest : PagedRequest { }
        public sealed class TwiceValidated { public int PageSize { get; set; } = 20; }

        // mm's shape: the bound sits in a generic validator every request's validator derives from.
        public class PagedRequestValidator<T> : AbstractValidator<T> where T : PagedRequest
        {
            public PagedRequestValidator() => RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        }

        public sealed class ListTenantsRequestValidator : PagedRequestValidator<ListTenantsRequest> { }

        // A validator of the same request with the lower bound only: the derived request's own rule is not a bound.
        public sealed class ListAllTenantsRequestValidator : AbstractValidator<ListAllTenantsRequest>
        {
            public ListAllTenantsRequestValidator() => RuleFor(x => x.PageSize).GreaterThan(0);
        }

        public sealed class TwiceValidatedLower : AbstractValidator<TwiceValidated>
        {
            public TwiceValidatedLower() => RuleFor(x => x.PageSize).GreaterThan(0);
        }

        public sealed class TwiceValidatedUpper : AbstractValidator<TwiceValidated>
        {
            public TwiceValidatedUpper() => RuleFor(x => x.PageSize).LessThanOrEqualTo(50);
        }

        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet("base")]
            public Task<List<Tenant>> Base([FromQuery] ListTenantsRequest query) =>
                db.Tenants.OrderBy(t => t.TenantId).Take(query.PageSize).ToListAsync();

            [HttpGet("lower")]
            public Task<List<Tenant>> Lower([FromQuery] ListAllTenantsRequest query) =>
                db.Tenants.OrderBy(t => t.TenantId).Take({|PG0006:query.PageSize|}).ToListAsync();

            [HttpGet("twice")]
            public Task<List<Tenant>> Twice([FromQuery] TwiceValidated query) =>
                db.Tenants.OrderBy(t => t.TenantId).Take(query.PageSize).ToListAsync();
        }
        """);

    [Fact]
    public Task AValidatorWhoseRulesCannotBeRead_StillBoundsIt() => Verify("""
        public sealed class Unread { public int PageSize { get; set; } = 20; }

        // No rule in its source (they may be added elsewhere): precision first, a bound.
        public sealed class UnreadValidator : AbstractValidator<Unread> { }

        [ApiController, Route("api/tenants")]
        public class TenantsController(AnchorContext db) : ControllerBase
        {
            [HttpGet]
            public Task<List<Tenant>> Get([FromQuery] Unread query) => db.Tenants.OrderBy(t => t.TenantId).Take(query.PageSize).ToListAsync();
        }
        """);
}
