using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0002/PG0003 on entities returned by a helper, service or repository of the same compilation: the callee's query
/// (its includes, AutoInclude, explicit loads) decides, followed through one body per call.
/// </summary>
public sealed class NavigationThroughMethodsTests
{
    private const string Repository = """
        public interface IPropertyRepository
        {
            Task<Property> GetWithUnitsAsync(int id);
            Task<Property> GetAsync(int id);
            Task<List<Property>> ListAsync();
        }

        public class PropertyRepository(AnchorContext db) : IPropertyRepository
        {
            public Task<Property> GetWithUnitsAsync(int id) => db.Properties.Include(p => p.Units).FirstAsync(p => p.Id == id);

            public async Task<Property> GetAsync(int id)
            {
                var property = await db.Properties.FirstAsync(p => p.Id == id);
                return property;
            }

            public async Task<List<Property>> ListAsync() => await db.Properties.Where(p => p.Name != "").ToListAsync();
        }

        """;

    [Fact]
    public Task ReadThroughARepositoryInterfaceThatIncludes_IsNotPG0003_ButTheOtherNavigationIs() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + Repository + """
        public class PropertyReport(IPropertyRepository properties)
        {
            public async Task<string> Describe(int id)
            {
                var property = await properties.GetWithUnitsAsync(id);
                var text = "";
                foreach (var unit in property.Units) text += unit.Number;
                return text + {|PG0003:property.Owner|}.Name;
            }
        }
        """);

    [Fact]
    public Task ReadThroughARepositoryThatDoesNotInclude_IsPG0003() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + Repository + """
        public class PropertyReport(IPropertyRepository properties)
        {
            public async Task<int> Units(int id)
            {
                var property = await properties.GetAsync(id);
                var n = 0;
                foreach (var unit in {|PG0003:property.Units|}) n++;
                return n;
            }
        }
        """);

    [Fact]
    public Task LazyReadPerElementOfAListAStaticHelperReturns_IsPG0002() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Lazy + """
        public static class PropertyQueries
        {
            public static Task<List<Property>> AllAsync(AnchorContext db) => db.Properties.ToListAsync();
        }

        public class OwnerReport(AnchorContext db)
        {
            public async Task<List<string>> Names()
            {
                var names = new List<string>();
                foreach (var p in await PropertyQueries.AllAsync(db)) names.Add({|PG0002:p.Owner|}.Name);
                return names;
            }
        }
        """);

    [Fact]
    public Task LazyReadOnOneReturnedEntity_IsNotAnN1() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Lazy + Repository + """
        public class PropertyReport(IPropertyRepository properties)
        {
            public async Task<string> Owner(int id) => (await properties.GetAsync(id)).Owner.Name;
        }
        """);

    [Fact]
    public Task HelperThatLoadsExplicitlyOrAutoIncludes_IsNotReported() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public class Loader(AnchorContext db)
        {
            public async Task<Property> GetAsync(int id)
            {
                var property = await db.Properties.FirstAsync(p => p.Id == id);
                await db.Entry(property).Collection(p => p.Units).LoadAsync();
                return property;
            }

            public Task<Lease> LeaseAsync(int id) => db.Leases.FirstAsync(l => l.Id == id);
        }

        public class Report(Loader loader)
        {
            public async Task<string> Describe(int id)
            {
                var property = await loader.GetAsync(id);
                var lease = await loader.LeaseAsync(id);
                return property.Units.Count + lease.Tenant.Name;
            }
        }
        """);

    [Fact]
    public Task CollectionLoadedInAHelperThatTakesTheEntity_IsNotAMissingLoad_OtherNavigationsStillAre() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public class Report(AnchorContext db)
        {
            public async Task<int> UnitCount(int id)
            {
                var property = await db.Properties.FirstAsync(p => p.Id == id);
                await LoadUnitsAsync(property);
                return property.Units.Count;
            }

            private Task LoadUnitsAsync(Property property) => db.Entry(property).Collection(p => p.Units).LoadAsync();
        }

        public class Audit(AnchorContext db)
        {
            public async Task<int> UnitCount(int id)
            {
                var property = await db.Properties.FirstAsync(p => p.Id == id);
                await LoadOwnerAsync(property);
                return {|PG0003:property.Units|}.Count;
            }

            private Task LoadOwnerAsync(Property property) => db.Entry(property).Reference(p => p.Owner).LoadAsync();
        }
        """);

    [Fact]
    public Task TwoImplementationsOrAnEntityOfUnknownOrigin_AreNotFollowed() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public interface IProperties { Task<Property> GetAsync(int id); }
        public class Eager(AnchorContext db) : IProperties
        {
            public Task<Property> GetAsync(int id) => db.Properties.Include(p => p.Owner).FirstAsync(p => p.Id == id);
        }
        public class Plain(AnchorContext db) : IProperties
        {
            public Task<Property> GetAsync(int id) => db.Properties.FirstAsync(p => p.Id == id);
        }
        public class Cache
        {
            private readonly Dictionary<int, Property> items = new();
            public Property Get(int id) => items[id];
            public Property Either(AnchorContext db, int id, bool cached) => cached ? items[id] : db.Properties.First(p => p.Id == id);
        }

        public class Report(IProperties properties, Cache cache, AnchorContext db)
        {
            public async Task<string> Owner(int id) =>
                (await properties.GetAsync(id)).Owner.Name + cache.Get(id).Owner.Name + cache.Either(db, id, true).Owner.Name;
        }
        """);

    [Fact]
    public Task ReturnedThroughTwoHelpers_IsPG0003() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public class Inner(AnchorContext db)
        {
            public Task<Unit> UnitAsync(int id) => db.Units.Include(u => u.Property).SingleAsync(u => u.Id == id);
        }
        public class Outer(Inner inner)
        {
            public async Task<Unit> FindAsync(int id) => await inner.UnitAsync(id);
        }
        public class Report(Outer outer)
        {
            public async Task<string> Describe(int id)
            {
                var unit = await outer.FindAsync(id);
                return unit.Property.Name + {|PG0003:unit.Leases|}.Count;
            }
        }
        """);

    [Fact]
    public Task RepositoryWithIncludeFlagsApplyingIncludesConditionally_IsNotReported() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        [Flags] public enum PropertyIncludes { None = 0, Units = 1, Owner = 2 }
        public static class IncludesExtensions
        {
            public static IQueryable<Property> Includes(this IQueryable<Property> query, PropertyIncludes includes)
            {
                if (includes.HasFlag(PropertyIncludes.Units)) query = query.Include(p => p.Units);
                if (includes.HasFlag(PropertyIncludes.Owner)) query = query.Include(p => p.Owner);
                return query;
            }

            public static IQueryable<Property> Named(this IQueryable<Property> query, string name) => query.Where(p => p.Name == name);
        }
        public class PropertyRepository(AnchorContext db)
        {
            public Task<Property> GetAsync(int id, PropertyIncludes includes = PropertyIncludes.None) =>
                db.Properties.Where(p => p.Id == id).Includes(includes).FirstAsync();

            public Task<Property> ByNameAsync(string name) => db.Properties.Named(name).FirstAsync();
        }
        public class Report(PropertyRepository properties)
        {
            public async Task<string> Describe(int id)
            {
                var property = await properties.GetAsync(id, PropertyIncludes.Units | PropertyIncludes.Owner);
                var named = await properties.ByNameAsync("x");
                return property.Units.Count + property.Owner.Name + {|PG0003:named.Owner|}.Name;
            }
        }
        """);

    [Fact]
    public Task TargetLoadedByAnotherRepositoryCallInTheMethod_IsFixedUpNotReported() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + """
        public class Repositories(AnchorContext db)
        {
            public Task<Owner> OwnerAsync(int id) => db.Owners.FirstAsync(o => o.Id == id);
            public Task<Property> PropertyAsync(int id) => db.Properties.FirstAsync(p => p.Id == id);
        }
        public class Report(Repositories repositories)
        {
            public async Task<string> WithOwnerLoaded(int ownerId, int id)
            {
                var owner = await repositories.OwnerAsync(ownerId);
                var property = await repositories.PropertyAsync(id);
                return owner.Name + property.Owner.Name;
            }

            public async Task<int> WithoutUnits(int id)
            {
                var property = await repositories.PropertyAsync(id);
                return {|PG0003:property.Units|}.Count;
            }
        }
        """);
}
