using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The one per-compilation data-access model every rule (and the summary generator) asks: EF Core symbols, the
/// source type index, one semantic model per tree, the entity model (keys, navigations, owned/complex types,
/// AutoInclude, lazy contexts), the round-trip summaries, and the summaries of referenced projects. Created once
/// per compilation and cached like roslyn-analyzers' WellKnownTypeProvider.GetOrCreate.
/// </summary>
/// <remarks>
/// Nothing here holds a lock while it computes: the parts built on first need are published with
/// <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>, so a callback that arrives while another one builds a
/// part builds it too instead of waiting (the loser's copy is dropped; both are complete and equal). Waiting
/// callbacks are what made PG0002/PG0003 cost 13.1 s of analyzer time against 5.5 s of binding in one project.
/// A cancelled build publishes nothing, so a cancelled callback never poisons the model for the others. The entity
/// model the summary writer built for the generators' compilation is taken over by the analyzers' compilation of the
/// same build (<see cref="EntityModel.TryShared"/>).
/// </remarks>
internal sealed class DataAccessModel
{
    private static readonly ConditionalWeakTable<Compilation, Holder> ByCompilation = new();
    private static readonly ConditionalWeakTable<Compilation, Holder>.CreateValueCallback CreateHolder = static compilation => new Holder(Create(compilation));

    private EntityModel? entityModel;
    private ReferencedSummaries? referencedSummaries;
    private RoundTripAnalysis? roundTrips;
    private NavigationAnalysis? navigations;
    private PageSizeAnalysis? pageSizes;
    private AspNetSymbols? aspNet;

    private DataAccessModel(Compilation compilation, EfSymbols symbols)
    {
        Compilation = compilation;
        Symbols = symbols;
        Models = new SemanticModelCache(compilation);
        Types = new SourceTypeIndex(compilation);
        KeyAttribute = AssemblyFamily.GetFrameworkType(compilation, "System.ComponentModel.DataAnnotations.KeyAttribute");
    }

    public Compilation Compilation { get; }

    public EfSymbols Symbols { get; }

    public SemanticModelCache Models { get; }

    public SourceTypeIndex Types { get; }

    private INamedTypeSymbol? KeyAttribute { get; }

    /// <summary>The model of <paramref name="compilation"/>; null when it does not reference EF Core (then rules register nothing).</summary>
    public static DataAccessModel? GetOrCreate(Compilation compilation) => ByCompilation.GetValue(compilation, CreateHolder).Model;

    /// <summary>
    /// A model of a compilation without EF Core, for the summary writer's Up call sites alone (an Application project
    /// that loops over repository interfaces implemented in a project built later): its EF Core types are absent
    /// (<see cref="EfSymbols.WithoutEfCore"/>), so the call-site writers run unchanged and find no query of the project's
    /// own. Not cached: the rules' <see cref="GetOrCreate"/> stays null for this compilation, and nothing else asks.
    /// </summary>
    public static DataAccessModel CreateWithoutEfCore(Compilation compilation) => new(compilation, EfSymbols.WithoutEfCore(compilation));

    private static DataAccessModel? Create(Compilation compilation)
    {
        if (!EfSymbols.MayBeReferenced(compilation))
        {
            return null;
        }

        var symbols = EfSymbols.TryCreate(compilation);
        return symbols is null ? null : new DataAccessModel(compilation, symbols);
    }

    /// <summary>The EF model read from this compilation's source, built on first need.</summary>
    public EntityModel GetEntityModel(CancellationToken cancellationToken)
    {
        var model = Volatile.Read(ref entityModel);
        if (model is not null)
        {
            return model;
        }

        // The summary writer's compilation (the generators' input) built it already when this is the analyzers' one.
        model = EntityModel.TryShared(Symbols, cancellationToken);
        if (model is null)
        {
            model = EntityModel.Build(Symbols, Types, Models, cancellationToken);
            model.Share(Compilation);
        }

        // The models referenced projects recorded for their contexts (PG0002/PG0003 on queries of another project's context).
        var contextModels = GetReferencedSummaries(cancellationToken).ContextModels;
        if (contextModels.Count > 0)
        {
            model.Import(contextModels, Compilation, cancellationToken);
        }

        return Interlocked.CompareExchange(ref entityModel, model, null) ?? model;
    }

    /// <summary>The data-access summaries that referenced projects built with PerfGuard recorded in their assemblies.</summary>
    public ReferencedSummaries GetReferencedSummaries(CancellationToken cancellationToken)
    {
        var summaries = Volatile.Read(ref referencedSummaries);
        if (summaries is not null)
        {
            return summaries;
        }

        summaries = ReferencedSummaries.Read(Compilation, cancellationToken);
        return Interlocked.CompareExchange(ref referencedSummaries, summaries, null) ?? summaries;
    }

    /// <summary>
    /// Which calls cost a round trip, directly or through methods of this compilation and of summarised
    /// referenced projects. The options are the project's (every analyzer of a compilation gets the same ones).
    /// </summary>
    public RoundTripAnalysis GetRoundTrips(AnalyzerOptions options)
    {
        var analysis = Volatile.Read(ref roundTrips);
        if (analysis is not null)
        {
            return analysis;
        }

        analysis = new RoundTripAnalysis(this, options);
        return Interlocked.CompareExchange(ref roundTrips, analysis, null) ?? analysis;
    }

    /// <summary>Which navigations are loaded on the entities queries and methods return (PG0002/PG0003).</summary>
    public NavigationAnalysis GetNavigations()
    {
        var analysis = Volatile.Read(ref navigations);
        if (analysis is not null)
        {
            return analysis;
        }

        analysis = new NavigationAnalysis(this);
        return Interlocked.CompareExchange(ref navigations, analysis, null) ?? analysis;
    }

    /// <summary>
    /// The ASP.NET Core symbols, present or not, resolved once for every rule and writer of the compilation (each
    /// first lookup of a metadata name searches every reference).
    /// </summary>
    public AspNetSymbols AspNet
    {
        get
        {
            var symbols = Volatile.Read(ref aspNet);
            if (symbols is not null)
            {
                return symbols;
            }

            symbols = AspNetSymbols.CreateAlways(Compilation);
            return Interlocked.CompareExchange(ref aspNet, symbols, null) ?? symbols;
        }
    }

    /// <summary><see cref="AspNet"/> when the compilation references MVC, Razor Pages or minimal APIs, else null.</summary>
    public AspNetSymbols? AspNetIfReferenced => AspNet.IsReferenced ? AspNet : null;

    /// <summary>Which method parameters reach Take unbounded (PG0006).</summary>
    public PageSizeAnalysis GetPageSizes()
    {
        var analysis = Volatile.Read(ref pageSizes);
        if (analysis is not null)
        {
            return analysis;
        }

        analysis = new PageSizeAnalysis(this, AspNet);
        return Interlocked.CompareExchange(ref pageSizes, analysis, null) ?? analysis;
    }

    /// <summary>The entity's key as EF sees it: HasKey in the model, else [Key], else Id / &lt;Type&gt;Id. Null for composite keys.</summary>
    public string? FindKey(ITypeSymbol? entity, CancellationToken cancellationToken)
    {
        if (entity is null)
        {
            return null;
        }

        var model = GetEntityModel(cancellationToken);
        if (model.TryGetConfiguredKey(entity, out var key))
        {
            return key;
        }

        return PagingQueries.FindKeyProperty(entity, KeyAttribute);
    }

    private sealed class Holder
    {
        public Holder(DataAccessModel? model)
        {
            Model = model;
        }

        public DataAccessModel? Model { get; }
    }
}
