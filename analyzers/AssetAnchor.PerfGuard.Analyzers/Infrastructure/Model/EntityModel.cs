using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What the compilation's EF Core model looks like, built once per compilation on first need from source:
/// entity types (DbSet&lt;T&gt; of every DbContext, Entity&lt;T&gt;(), IEntityTypeConfiguration&lt;T&gt;, and the types
/// reachable from them through navigations), owned and complex types (always loaded with their owner),
/// AutoInclude navigations, configured keys (HasKey), and lazy loading (UseLazyLoadingProxies in OnConfiguring, in
/// the options of any DI registration shape in any file, top-level Program.cs included, or in an options-builder
/// helper those options call; or ILazyLoader injected into an entity). Contexts referenced from other assemblies contribute entity types
/// (for the cross-assembly repository heuristic) but their model configuration is invisible, so navigation
/// rules only trust entities of source contexts.
/// </summary>
internal sealed partial class EntityModel
{
    private const int MaxEntityTypes = 4096;

    private readonly HashSet<ITypeSymbol> sourceEntityTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> allEntityTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> ownedTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IPropertySymbol> autoIncludes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> lazyContexts = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, string> configuredKeys = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> seededTypes = new(SymbolEqualityComparer.Default);

    // Members the model configuration names as navigations (HasMany/HasOne/WithMany/WithOne/Navigation) or ignores
    // (Ignore): configuration decides before any convention, as in EF Core.
    private readonly HashSet<IPropertySymbol> configuredNavigations = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IPropertySymbol> ignoredMembers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, List<ITypeSymbol>> contextsOfEntity = new(SymbolEqualityComparer.Default);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPropertySymbol, NavigationKind> navigationCache = new(SymbolEqualityComparer.Default);

    // Per referenced assembly: a view of it with its private members imported (see FieldsView), built on first need.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IAssemblySymbol, Compilation?> privateMemberViews = new(SymbolEqualityComparer.Default);

    // Entity types of a referenced project's context, from its context-model records (Import): their navigations are
    // what that project's model says, never recomputed from metadata.
    private readonly HashSet<ITypeSymbol> importedEntityTypes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IPropertySymbol, NavigationKind> importedNavigations = new(SymbolEqualityComparer.Default);
    private readonly EfSymbols symbols;
    private bool lazyLoadingEverywhere;
    private volatile HashSet<string>? navigationNames;

    private EntityModel(EfSymbols symbols)
    {
        this.symbols = symbols;
    }

    /// <summary>True when some context uses lazy-loading proxies with options we could not tie to one context.</summary>
    public bool HasUnattributedLazyLoading => lazyLoadingEverywhere;

    public static EntityModel Build(EfSymbols symbols, SourceTypeIndex types, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var model = new EntityModel(symbols);
        model.Populate(types, models, cancellationToken);
        return model;
    }

    /// <summary>
    /// The names of every navigation of the source entity types: a syntax-level filter, so a name that is no
    /// navigation (most member accesses) is rejected before anything is bound.
    /// </summary>
    public HashSet<string> NavigationNames
    {
        get
        {
            // A benign race: two threads may compute the same set; both are complete and equal.
            var names = navigationNames;
            if (names is null)
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var imported in importedNavigations.Keys)
                {
                    names.Add(imported.Name);
                }

                foreach (var entity in sourceEntityTypes)
                {
                    foreach (var member in entity.GetMembers())
                    {
                        if (member is IPropertySymbol property && IsNavigation(property, out _))
                        {
                            names.Add(property.Name);
                        }
                    }
                }

                navigationNames = names;
            }

            return names;
        }
    }

    public bool IsEntityType(ITypeSymbol? type) => type is not null && allEntityTypes.Contains(type.OriginalDefinition);

    /// <summary>An entity type of a context of this compilation, or of a referenced project's context that recorded its model.</summary>
    public bool IsSourceEntityType(ITypeSymbol? type) =>
        type is not null && (sourceEntityTypes.Contains(type.OriginalDefinition) || (importedEntityTypes.Count > 0 && importedEntityTypes.Contains(type.OriginalDefinition)));

    /// <summary>The entity types of this compilation's own model (not the imported ones), for the context-model records.</summary>
    public IEnumerable<ITypeSymbol> SourceEntityTypes => sourceEntityTypes;

    /// <summary>The contexts of this compilation whose DbSets reach the entity.</summary>
    public IReadOnlyList<ITypeSymbol> GetContextsOf(ITypeSymbol entity) =>
        contextsOfEntity.TryGetValue(entity.OriginalDefinition, out var contexts) ? contexts : (IReadOnlyList<ITypeSymbol>)Array.Empty<ITypeSymbol>();

    /// <summary>Whether the context loads lazily (its own OnConfiguring or a registration of this compilation, or lazy loading no one context owns).</summary>
    public bool IsLazyContext(ITypeSymbol context) => lazyLoadingEverywhere || lazyContexts.Contains(context.OriginalDefinition);

    /// <summary>
    /// Adds the models that referenced projects recorded for their contexts (ContextModelRecord): entity types not
    /// already known here, their navigations and AutoIncludes, and the contexts their own projects make lazy. Called
    /// once, before the model is published; a record that does not resolve to a type or property of this compilation's
    /// references is skipped.
    /// </summary>
    public void Import(IReadOnlyList<ContextModelRecord> records, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One record at a time: a damaged one must not lose the others.
            Guarded(() => Import(record, compilation));
        }
    }

    private void Import(ContextModelRecord record, Compilation compilation)
    {
        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(record.TypeId, compilation) is not INamedTypeSymbol type ||
            type.TypeKind != TypeKind.Class)
        {
            return;
        }

        if (record.IsContext)
        {
            if (symbols.IsDbContext(type))
            {
                lazyContexts.Add(type.OriginalDefinition);
            }

            return;
        }

        if (sourceEntityTypes.Contains(type.OriginalDefinition) || importedEntityTypes.Count >= MaxEntityTypes)
        {
            return;
        }

        // Not added to allEntityTypes: PG0001's repository heuristic keeps its own, narrower list (DbSet roots).
        importedEntityTypes.Add(type.OriginalDefinition);
        foreach (var pair in record.Navigations)
        {
            foreach (var member in type.GetMembers(pair.Key))
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    importedNavigations[property.OriginalDefinition] = pair.Value.IsCollection ? NavigationKind.Collection : NavigationKind.Reference;
                    if (pair.Value.AutoIncluded)
                    {
                        autoIncludes.Add(property.OriginalDefinition);
                    }
                }
            }
        }

        foreach (var contextId in record.LazyContextIds)
        {
            if (DocumentationCommentId.GetFirstSymbolForDeclarationId(contextId, compilation) is INamedTypeSymbol context && symbols.IsDbContext(context))
            {
                lazyContexts.Add(context.OriginalDefinition);
                AddRoot(type, context, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
            }
        }
    }

    public bool IsOwnedType(ITypeSymbol? type) => type is not null && ownedTypes.Contains(type.OriginalDefinition);

    public bool IsAutoIncluded(IPropertySymbol property) => autoIncludes.Contains(property.OriginalDefinition);

    /// <summary>A key configured with HasKey(x =&gt; x.Prop) in OnModelCreating or an IEntityTypeConfiguration&lt;T&gt;.</summary>
    public bool TryGetConfiguredKey(ITypeSymbol entity, out string key) => configuredKeys.TryGetValue(entity.OriginalDefinition, out key!);

    /// <summary>The entities the model seeds with HasData (recorded for the projects that reference this one).</summary>
    public IEnumerable<ITypeSymbol> SeededTypes => seededTypes;

    /// <summary>An entity whose rows the model seeds with HasData (in OnModelCreating or an IEntityTypeConfiguration&lt;T&gt;).</summary>
    public bool IsSeeded(ITypeSymbol? entity) => entity is not null && seededTypes.Contains(entity.OriginalDefinition);

    /// <summary>
    /// A reference (lookup) table as the model shows one: seeded with HasData, and with no navigation of its own (it
    /// neither points at nor owns other rows: countries, card types, statuses). PG0007 reports those instead of PG0004.
    /// </summary>
    public bool IsSeededLeaf(ITypeSymbol? entity)
    {
        if (!IsSeeded(entity) || entity is not INamedTypeSymbol named)
        {
            return false;
        }

        for (var type = named; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && IsNavigation(property, out _))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The contexts made lazy by OnConfiguring or a DI registration (for tests and the summary writer).</summary>
    public IEnumerable<ITypeSymbol> LazyContexts => lazyContexts;

    /// <summary>Whether reading this navigation on an entity of this context triggers a lazy load.</summary>
    public bool IsLazyLoaded(IPropertySymbol navigation, ITypeSymbol? contextType)
    {
        var entity = navigation.ContainingType;
        if (HasLazyLoaderMember(entity))
        {
            return true;
        }

        // Proxies only intercept virtual navigations (and EF refuses non-virtual ones when proxies are on).
        if (!navigation.IsVirtual && !navigation.IsOverride && !navigation.IsAbstract)
        {
            return false;
        }

        if (lazyLoadingEverywhere)
        {
            return true;
        }

        if (contextType is not null)
        {
            return lazyContexts.Contains(contextType.OriginalDefinition);
        }

        if (contextsOfEntity.TryGetValue(entity.OriginalDefinition, out var contexts))
        {
            foreach (var context in contexts)
            {
                if (lazyContexts.Contains(context))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A navigation: a mapped property of a source entity type whose type is an entity type (reference) or a
    /// collection of one, as EF Core discovers it: configured (HasMany/HasOne/WithMany/WithOne/Navigation), or a
    /// reference with a setter, or a collection with a setter, an auto-property or a conventional backing field
    /// (<c>IReadOnlyCollection&lt;Product&gt; Products =&gt; _products.AsReadOnly()</c>). Owned and complex types,
    /// [NotMapped], Ignore(..) and computed properties without a backing field are not navigations.
    /// </summary>
    public bool IsNavigation(IPropertySymbol property, out bool isCollection)
    {
        // Hot path (every property read of the compilation): reject non-entity members cheaply, cache the rest.
        isCollection = false;
        if (property.IsStatic || property.IsIndexer || !IsSourceEntityType(property.ContainingType))
        {
            return false;
        }

        var definition = property.OriginalDefinition;
        if (importedEntityTypes.Count > 0 && importedEntityTypes.Contains(property.ContainingType.OriginalDefinition))
        {
            // A referenced project's entity: its recorded model decides (owned types and scalars are not listed).
            var found = importedNavigations.TryGetValue(definition, out var kind);
            isCollection = found && kind == NavigationKind.Collection;
            return found;
        }

        if (navigationCache.TryGetValue(definition, out var cached))
        {
            isCollection = cached == NavigationKind.Collection;
            return cached != NavigationKind.None;
        }

        var result = ComputeIsNavigation(definition, out isCollection);
        navigationCache.TryAdd(definition, result ? (isCollection ? NavigationKind.Collection : NavigationKind.Reference) : NavigationKind.None);
        return result;
    }

    private enum NavigationKind : byte
    {
        None,
        Reference,
        Collection,
    }

    private bool ComputeIsNavigation(IPropertySymbol property, out bool isCollection)
    {
        isCollection = false;
        if (property.IsStatic || property.IsIndexer || !IsSourceEntityType(property.ContainingType) ||
            HasAttribute(property, symbols.NotMappedAttribute) || ignoredMembers.Contains(property))
        {
            return false;
        }

        var type = property.Type;
        if (type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        ITypeSymbol? target = type;
        if (!IsSourceEntityType(type))
        {
            target = symbols.GetElementType(type);
            isCollection = true;
        }

        if (target is null || !IsSourceEntityType(target) || IsOwnedType(target))
        {
            return false;
        }

        return configuredNavigations.Contains(property) || IsMappedByConvention(property, target, isCollection);
    }

    /// <summary>
    /// EF Core's navigation discovery (MemberClassifier.FindCandidateNavigationPropertyType): a reference navigation
    /// needs a setter (any accessibility); a collection navigation needs only a getter. A read-only collection is
    /// then filled through its backing field (BackingFieldConvention); without one EF keeps the property in its model
    /// but cannot fill it (an Include throws "Collection is read-only", a computed <c>_items.Where(..)</c> is no
    /// ICollection), so its reads say nothing about loading: only a property with a field EF fills counts here.
    /// </summary>
    private bool IsMappedByConvention(IPropertySymbol property, ITypeSymbol target, bool isCollection)
    {
        if (HasSetter(property))
        {
            return true;
        }

        return isCollection && (IsAutoProperty(property) || HasConventionalBackingField(property, target));
    }

    private static bool HasSetter(IPropertySymbol property)
    {
        // EF looks for a setter on the property of that name anywhere in the hierarchy (FindSetterProperty).
        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            if (current.SetMethod is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>{ get; }</c>: the compiler's <c>&lt;Name&gt;k__BackingField</c> is the first name EF tries. In source the
    /// accessors have no body; in metadata (an entity of a referenced assembly) the getter is [CompilerGenerated].
    /// </summary>
    private static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.IsAbstract || property.IsExtern)
        {
            return false;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors })
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body is not null || accessor.ExpressionBody is not null)
                {
                    return false;
                }
            }

            return true;
        }

        if (property.GetMethod is not { } getter)
        {
            return false;
        }

        foreach (var attribute in getter.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "CompilerGeneratedAttribute" } attributeClass &&
                attributeClass.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// BackingFieldConvention's names, in the entity type and its base types: <c>products</c>, <c>_products</c>,
    /// <c>_Products</c>, <c>m_products</c>, <c>m_Products</c>, holding a collection of the navigation's target.
    /// </summary>
    private bool HasConventionalBackingField(IPropertySymbol property, ITypeSymbol target)
    {
        var name = property.Name;
        var camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
        var targetName = target.OriginalDefinition.ToDisplayString();
        for (INamedTypeSymbol? type = FieldsView(property.ContainingType); type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false } field &&
                    (field.Name == camel || field.Name == "_" + camel || field.Name == "_" + name || field.Name == "m_" + camel || field.Name == "m_" + name) &&
                    SequenceElement(field.Type) is { } element &&
                    (SymbolEqualityComparer.Default.Equals(element.OriginalDefinition, target.OriginalDefinition) || element.OriginalDefinition.ToDisplayString() == targetName))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The T of IEnumerable&lt;T&gt; (itself or implemented), by special type: it also works on a private-member view's symbols.</summary>
    private static ITypeSymbol? SequenceElement(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return named.TypeArguments[0];
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>
    /// The type whose fields EF's convention would see. An entity declared in a referenced assembly built to a dll (a
    /// Domain project beside the Infrastructure project that holds the context) shows no private members to this
    /// compilation (the compiler imports public and protected ones), so its <c>_products</c> would be invisible and
    /// `dotnet build` would disagree with the IDE (which references the project's source). The same type is read
    /// from a small compilation of that assembly and its own references with private members imported.
    /// </summary>
    private INamedTypeSymbol? FieldsView(INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.Length > 0 || type.ContainingAssembly is not { } assembly)
        {
            return type;
        }

        try
        {
            var view = privateMemberViews.GetOrAdd(assembly, CreatePrivateMemberView);
            return view?.GetTypeByMetadataName(MetadataNameOf(type)) ?? type;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return type;
        }
    }

    private Compilation? CreatePrivateMemberView(IAssemblySymbol assembly)
    {
        try
        {
            var compilation = symbols.Compilation;
            if (compilation.GetMetadataReference(assembly) is not PortableExecutableReference reference)
            {
                // A compilation reference (the IDE, or a project built in the same session) already shows private members.
                return null;
            }

            var references = new List<MetadataReference> { reference };
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (compilation.GetMetadataReference(referenced) is { } dependency)
                    {
                        references.Add(dependency);
                    }
                }
            }

            return Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "PerfGuard.PrivateMemberView",
                references: references,
                options: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithMetadataImportOptions(MetadataImportOptions.All));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Without the view the private field stays invisible: a miss, never a false report.
            return null;
        }
    }

    private static string MetadataNameOf(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private bool HasLazyLoaderMember(INamedTypeSymbol entity)
    {
        if (symbols.ILazyLoader is null)
        {
            return false;
        }

        for (var type = entity; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
                if (SymbolEqualityComparer.Default.Equals(memberType, symbols.ILazyLoader))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Each phase is guarded on its own: half-typed code can surprise any walker, and a failure in one phase (the
    /// model scan) must not lose another (the lazy-loading registrations, read last). Before this, one exception
    /// anywhere left every lazy context unseen and turned PG0002 into false PG0003 reports.
    /// </summary>
    private void Populate(SourceTypeIndex types, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (!Guarded(() => PopulateEntities(types, models, cancellationToken)) |
            !Guarded(() => ScanLazyLoading(models, cancellationToken)))
        {
            isIncomplete = true;
        }
    }

    /// <summary>False when the phase threw (and was swallowed).</summary>
    private static bool Guarded(Action phase)
    {
        try
        {
            phase();
            return true;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // An incomplete model only makes the rules quieter; an analyzer must never throw.
            return false;
        }
    }

    private void PopulateEntities(SourceTypeIndex types, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var sourceContexts = new List<INamedTypeSymbol>();
        var configurations = new List<INamedTypeSymbol>();
        foreach (var type in types.Types)
        {
            if (type.TypeKind == TypeKind.Class && symbols.IsDbContext(type))
            {
                sourceContexts.Add(type);
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, symbols.IEntityTypeConfigurationOfT))
                {
                    configurations.Add(type);
                    AddRoot(implemented.TypeArguments[0], null, sourceEntityTypes);
                }
            }

            if (HasAttribute(type, symbols.OwnedAttribute) || HasAttribute(type, symbols.ComplexTypeAttribute))
            {
                ownedTypes.Add(type.OriginalDefinition);
            }
        }

        foreach (var context in sourceContexts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            configuringTypeNames.Add(context.Name);
            ScanConfiguration(context, models, cancellationToken);
        }

        foreach (var configuration in configurations)
        {
            configuringTypeNames.Add(configuration.Name);
            ScanConfiguration(configuration, models, cancellationToken);
        }

        // Model-building helpers called from OnModelCreating (static ConfigureLeases(ModelBuilder b), extension methods).
        foreach (var type in types.Types)
        {
            if (sourceContexts.Contains(type) || configurations.Contains(type) || IsMigrationOrSnapshot(type))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && TakesModelBuilder(method))
                {
                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        ScanModelBuildingSyntax(reference.GetSyntax(cancellationToken), models, null, cancellationToken);
                    }
                }
            }
        }

        foreach (var context in sourceContexts)
        {
            AddDbSetRoots(context, context, sourceEntityTypes);
        }

        ExpandReachable(sourceEntityTypes);
        foreach (var entity in sourceEntityTypes)
        {
            allEntityTypes.Add(entity);
        }

        foreach (var context in FindReferencedContexts(cancellationToken))
        {
            AddDbSetRoots(context, null, allEntityTypes);
        }
    }

    /// <summary>
    /// A migration (BuildTargetModel in its .Designer.cs) or the model snapshot: they replay the schema with string
    /// entity names for the migrator, never the runtime model (no generic Entity&lt;T&gt;, AutoInclude or lazy loading).
    /// Binding them was most of PG0002/PG0003's cost on a real project: 163 designer files, 80% of its lines.
    /// </summary>
    private static bool IsMigrationOrSnapshot(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var ns = current.ContainingNamespace?.ToDisplayString();
            if ((current.Name == "Migration" && ns == "Microsoft.EntityFrameworkCore.Migrations") ||
                (current.Name == "ModelSnapshot" && ns == "Microsoft.EntityFrameworkCore.Infrastructure"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TakesModelBuilder(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.Name is "ModelBuilder" or "EntityTypeBuilder" or "OwnedNavigationBuilder" &&
                parameter.Type.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }

    private void AddDbSetRoots(INamedTypeSymbol context, ITypeSymbol? owner, HashSet<ITypeSymbol> target)
    {
        for (var type = context; type is not null && !SymbolEqualityComparer.Default.Equals(type, symbols.DbContext); type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && symbols.IsDbSet(property.Type) &&
                    property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } dbSet)
                {
                    AddRoot(dbSet.TypeArguments[0], owner, target);
                }
            }
        }
    }

    private void AddRoot(ITypeSymbol entity, ITypeSymbol? context, HashSet<ITypeSymbol> target)
    {
        if (entity is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
        {
            isIncomplete |= entity.TypeKind == TypeKind.Error;
            return;
        }

        target.Add(named.OriginalDefinition);
        if (context is null)
        {
            return;
        }

        if (!contextsOfEntity.TryGetValue(named.OriginalDefinition, out var list))
        {
            list = new List<ITypeSymbol>();
            contextsOfEntity[named.OriginalDefinition] = list;
        }

        if (!list.Contains(context.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            list.Add(context.OriginalDefinition);
        }
    }

    /// <summary>EF discovers the types reachable through navigations as entity types too.</summary>
    private void ExpandReachable(HashSet<ITypeSymbol> entities)
    {
        // A domain assembly referenced by the context's project (its entities are DbSet roots) also declares the
        // entities reached only through navigations (an aggregate's OrderItem): those are candidates too.
        var rootAssemblies = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var entity in entities)
        {
            // Identity's DbSets (IdentityDbContext) do not make the framework's assemblies application code.
            if (entity.ContainingAssembly is { } assembly && !assembly.Identity.Name.StartsWith("Microsoft.", StringComparison.Ordinal) &&
                !assembly.Identity.Name.StartsWith("System", StringComparison.Ordinal))
            {
                rootAssemblies.Add(assembly);
            }
        }

        var pending = new Queue<ITypeSymbol>(entities);
        while (pending.Count > 0 && entities.Count < MaxEntityTypes)
        {
            var entity = pending.Dequeue();
            // A copy: a self-referencing navigation (Category.Parent) adds to this very list while it is walked.
            ITypeSymbol[]? contexts = contextsOfEntity.TryGetValue(entity, out var known) ? known.ToArray() : null;
            for (var type = entity as INamedTypeSymbol; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property || HasAttribute(property, symbols.NotMappedAttribute))
                    {
                        continue;
                    }

                    var candidate = property.Type.SpecialType == SpecialType.System_String ? null : property.Type;
                    if (candidate is not null && !IsCandidateEntity(candidate, rootAssemblies))
                    {
                        candidate = symbols.GetElementType(candidate);
                    }

                    isIncomplete |= property.Type.TypeKind == TypeKind.Error || candidate?.TypeKind == TypeKind.Error;

                    if (candidate is INamedTypeSymbol named && IsCandidateEntity(named, rootAssemblies) && !ownedTypes.Contains(named.OriginalDefinition) &&
                        (entities.Contains(named.OriginalDefinition) || HasKeyLikeProperty(named)))
                    {
                        if (entities.Add(named.OriginalDefinition))
                        {
                            pending.Enqueue(named.OriginalDefinition);
                        }

                        if (contexts is not null)
                        {
                            foreach (var context in contexts)
                            {
                                AddRoot(named, context, entities);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// EF discovers a reachable class as an entity only if it has a key: Id, &lt;Type&gt;Id or [Key]. Value objects
    /// without one (money, ranges, converted types) are not navigations.
    /// </summary>
    private static bool HasKeyLikeProperty(INamedTypeSymbol type)
    {
        var typeId = type.Name + "Id";
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                if (string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(property.Name, typeId, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                foreach (var attribute in property.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "KeyAttribute")
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A class declared in this compilation's source or in an application assembly that declares a root entity (a
    /// referenced Domain project): framework types are never entities here.
    /// </summary>
    private static bool IsCandidateEntity(ITypeSymbol type, HashSet<IAssemblySymbol> rootAssemblies) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named &&
        named.SpecialType == SpecialType.None &&
        ((named.Locations.Length > 0 && named.Locations[0].IsInSource) || (named.ContainingAssembly is { } assembly && rootAssemblies.Contains(assembly)));

    private void ScanConfiguration(INamedTypeSymbol type, SemanticModelCache models, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                if (member is MethodDeclarationSyntax method)
                {
                    ScanModelBuildingSyntax(method, models, method.Identifier.ValueText == "OnConfiguring" ? type : null, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Binds only the model-building calls that matter (the outermost one of each statement), not whole methods:
    /// a project of EF configurations is mostly Property(..).HasMaxLength(..) lines the model does not need, and
    /// binding them a second time was most of the model's cost.
    /// </summary>
    private void ScanModelBuildingSyntax(SyntaxNode declaration, SemanticModelCache models, INamedTypeSymbol? configuringContext, CancellationToken cancellationToken)
    {
        if (models.Get(declaration.SyntaxTree) is not { } model)
        {
            return;
        }

        foreach (var node in declaration.DescendantNodes(static node => !IsModelBuildingCall(node)))
        {
            if (IsModelBuildingCall(node) && model.GetOperation(node, cancellationToken) is { } operation)
            {
                ScanModelBuilding(operation, configuringContext);
            }
        }
    }

    private static bool IsModelBuildingCall(SyntaxNode node) =>
        node is InvocationExpressionSyntax invocation &&
        InvokedName.Of(invocation.Expression) is "Entity" or "OwnsOne" or "OwnsMany" or "ComplexProperty" or "ComplexCollection" or
            "AutoInclude" or "HasConversion" or "UseLazyLoadingProxies" or "HasKey" or "HasData" or "Navigation" or
            "HasMany" or "HasOne" or "WithMany" or "WithOne" or "Ignore";

    private void ScanModelBuilding(IOperation body, INamedTypeSymbol? configuringContext)
    {
        foreach (var operation in DescendantsAndSelf(body))
        {
            if (operation is not IInvocationOperation invocation)
            {
                // A model-building call that did not bind may bind where a generated file declares what it names.
                isIncomplete |= operation is IInvalidOperation;
                continue;
            }

            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Entity" when method.TypeArguments.Length == 1:
                    AddRoot(method.TypeArguments[0], null, sourceEntityTypes);
                    break;
                case "OwnsOne" or "OwnsMany" or "ComplexProperty" or "ComplexCollection" when method.TypeArguments.Length == 1:
                    if (method.TypeArguments[0] is INamedTypeSymbol owned)
                    {
                        ownedTypes.Add(owned.OriginalDefinition);
                    }

                    break;
                case "AutoInclude":
                    AddAutoInclude(invocation);
                    break;
                case "HasMany" or "HasOne" or "WithMany" or "WithOne" or "Navigation" when IsModelBuilderType(method.ContainingType):
                    if (ConfiguredMember(invocation) is { } navigation)
                    {
                        configuredNavigations.Add(navigation);
                    }

                    break;
                case "Ignore" when IsModelBuilderType(method.ContainingType):
                    if (ConfiguredMember(invocation) is { } ignored)
                    {
                        ignoredMembers.Add(ignored);
                    }

                    break;
                case "HasConversion" when invocation.Instance?.Type is INamedTypeSymbol { TypeArguments.Length: 1 } propertyBuilder &&
                    propertyBuilder.TypeArguments[0] is INamedTypeSymbol converted:
                    // A class stored through a value converter is a scalar column, not a navigation.
                    ownedTypes.Add(converted.OriginalDefinition);
                    break;
                case "UseLazyLoadingProxies" when configuringContext is not null && IsProxiesMethod(method):
                    lazyContexts.Add(configuringContext.OriginalDefinition);
                    break;
                case "HasData" when method.ContainingType is { Name: "EntityTypeBuilder", TypeArguments.Length: 1 } seeded:
                    seededTypes.Add(seeded.TypeArguments[0].OriginalDefinition);
                    break;
                case "HasKey" when method.ContainingType is { Name: "EntityTypeBuilder", TypeArguments.Length: 1 } builder &&
                    invocation.Arguments.Length == 1 && SingleKeyProperty(invocation.Arguments[0].Value) is { } key:
                    configuredKeys[builder.TypeArguments[0].OriginalDefinition] = key;
                    break;
            }
        }
    }

    private static bool IsModelBuilderType(INamedTypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() is { } ns && ns.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

    /// <summary>
    /// The property a builder call names: <c>HasMany(x =&gt; x.Lines)</c>, <c>Navigation("Lines")</c>,
    /// <c>Ignore(x =&gt; x.Total)</c>. A string names a member of the builder's entity type, or of the related type for
    /// <c>WithMany</c>/<c>WithOne</c> (the last type argument of the relationship builder).
    /// </summary>
    private static IPropertySymbol? ConfiguredMember(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name is not ("navigationExpression" or "navigationName" or "propertyExpression" or "propertyName"))
            {
                continue;
            }

            var value = OperationHelpers.Unwrap(argument.Value);
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (value is IAnonymousFunctionOperation lambda)
            {
                return LambdaPath.GetSingleMember(lambda) is IPropertySymbol property ? property.OriginalDefinition : null;
            }

            if (value?.ConstantValue is { HasValue: true, Value: string name } &&
                invocation.Instance?.Type is INamedTypeSymbol { TypeArguments.Length: > 0 } builder)
            {
                var isInverse = invocation.TargetMethod.Name is "WithMany" or "WithOne";
                var owner = isInverse ? builder.TypeArguments[builder.TypeArguments.Length - 1] : builder.TypeArguments[0];
                for (var type = owner as INamedTypeSymbol; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IPropertySymbol { IsStatic: false } named)
                        {
                            return named.OriginalDefinition;
                        }
                    }
                }
            }

            return null;
        }

        return null;
    }

    private static IEnumerable<IOperation> DescendantsAndSelf(IOperation root)
    {
        yield return root;
        foreach (var operation in root.Descendants())
        {
            yield return operation;
        }
    }

    /// <summary>x =&gt; x.Code, or "Code"; null for composite keys (those keep the [Key]/Id convention answer).</summary>
    private static string? SingleKeyProperty(IOperation argument)
    {
        var current = OperationHelpers.Unwrap(argument);
        if (current is IDelegateCreationOperation creation)
        {
            current = creation.Target;
        }

        if (current?.ConstantValue is { HasValue: true, Value: string name })
        {
            return name;
        }

        if (current is IArrayCreationOperation { Initializer.ElementValues: { Length: 1 } values } && values[0].ConstantValue is { HasValue: true, Value: string single })
        {
            return single;
        }

        return current is IAnonymousFunctionOperation lambda && LambdaPath.GetSingleMember(lambda) is IPropertySymbol property
            ? property.Name
            : null;
    }

    private void AddAutoInclude(IInvocationOperation autoInclude)
    {
        var receiver = OperationHelpers.Unwrap(autoInclude.Instance ?? (autoInclude.Arguments.Length > 0 ? autoInclude.Arguments[0].Value : null));
        if (receiver is not IInvocationOperation { TargetMethod.Name: "Navigation" } navigation || navigation.Arguments.Length == 0)
        {
            return;
        }

        var argument = OperationHelpers.Unwrap(navigation.Arguments[0].Value);
        if (argument is IDelegateCreationOperation creation)
        {
            argument = creation.Target;
        }

        if (argument is IAnonymousFunctionOperation lambda &&
            LambdaPath.GetSingleMember(lambda) is IPropertySymbol property)
        {
            autoIncludes.Add(property.OriginalDefinition);
            return;
        }

        // Navigation("Units"): resolve the name on the builder's entity type.
        if (argument is ILiteralOperation { ConstantValue: { HasValue: true, Value: string name } } &&
            navigation.Instance?.Type is INamedTypeSymbol { TypeArguments.Length: > 0 } builder &&
            builder.TypeArguments[0] is INamedTypeSymbol entity)
        {
            foreach (var member in entity.GetMembers(name))
            {
                if (member is IPropertySymbol named)
                {
                    autoIncludes.Add(named.OriginalDefinition);
                }
            }
        }
    }

    private bool IsProxiesMethod(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.ProxiesExtensions);

    /// <summary>
    /// Every UseLazyLoadingProxies call of the compilation, in any file: in OnConfiguring (that context), in the
    /// options of a DI registration (AddDbContext, AddDbContextPool, AddDbContextFactory, AddPooledDbContextFactory:
    /// that context), or in an options-builder helper method (the contexts whose registrations call or pass that
    /// helper; lazy everywhere when no registration of this compilation uses it).
    /// </summary>
    private void ScanLazyLoading(SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (symbols.ProxiesExtensions is null)
        {
            return;
        }

        var helpers = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in symbols.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var invocationSyntax in FindInvocations(tree, "UseLazyLoadingProxies", cancellationToken))
            {
                if (models.Get(tree) is not { } model ||
                    model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation ||
                    !IsProxiesMethod(invocation.TargetMethod))
                {
                    continue;
                }

                var context = FindConfiguredContext(invocationSyntax, model, cancellationToken, out var helper);
                if (context is not null)
                {
                    lazyContexts.Add(context.OriginalDefinition);
                }
                else if (helper is not null)
                {
                    helpers.Add(helper.OriginalDefinition);
                }
                else
                {
                    lazyLoadingEverywhere = true;
                }
            }
        }

        if (helpers.Count > 0 && !AttributeHelpersToRegistrations(helpers, models, cancellationToken))
        {
            lazyLoadingEverywhere = true;
        }
    }

    private static readonly string[] RegistrationNames = { "AddDbContext", "AddDbContextPool", "AddDbContextFactory", "AddPooledDbContextFactory" };

    /// <summary>Registrations whose options call or pass a lazy options helper make their context lazy; false when none does.</summary>
    private bool AttributeHelpersToRegistrations(HashSet<IMethodSymbol> helpers, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var attributed = false;
        foreach (var tree in symbols.Compilation.SyntaxTrees)
        {
            foreach (var name in RegistrationNames)
            {
                foreach (var registrationSyntax in FindInvocations(tree, name, cancellationToken))
                {
                    if (models.Get(tree) is not { } model ||
                        model.GetSymbolInfo(registrationSyntax, cancellationToken).Symbol is not IMethodSymbol registration ||
                        GetRegisteredContext(registration) is not { } context)
                    {
                        continue;
                    }

                    foreach (var node in registrationSyntax.ArgumentList.DescendantNodes())
                    {
                        if (node is not (IdentifierNameSyntax or GenericNameSyntax))
                        {
                            continue;
                        }

                        var info = model.GetSymbolInfo(node, cancellationToken);
                        var used = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
                        if (used is IMethodSymbol method && helpers.Contains((method.ReducedFrom ?? method).OriginalDefinition))
                        {
                            lazyContexts.Add(context.OriginalDefinition);
                            attributed = true;
                            break;
                        }
                    }
                }
            }
        }

        return attributed;
    }

    /// <summary>The invocations of a method of this name in the tree, found by token text before anything is bound.</summary>
    private static IEnumerable<InvocationExpressionSyntax> FindInvocations(SyntaxTree tree, string name, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        foreach (var token in root.DescendantTokens())
        {
            if (token.ValueText == name && token.Parent is SimpleNameSyntax simpleName &&
                simpleName.Parent switch
                {
                    MemberAccessExpressionSyntax access => access.Name == simpleName && access.Parent is InvocationExpressionSyntax call && call.Expression == access,
                    InvocationExpressionSyntax call => call.Expression == simpleName,
                    _ => false,
                })
            {
                yield return (InvocationExpressionSyntax)(simpleName.Parent is InvocationExpressionSyntax direct ? direct : simpleName.Parent!.Parent!);
            }
        }
    }

    /// <summary>AddDbContext&lt;T&gt;'s T; for AddDbContext&lt;TService, TImplementation&gt; the implementation.</summary>
    private ITypeSymbol? GetRegisteredContext(IMethodSymbol registration)
    {
        for (var i = registration.TypeArguments.Length - 1; i >= 0; i--)
        {
            if (symbols.IsDbContext(registration.TypeArguments[i]))
            {
                return registration.TypeArguments[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The context whose options call UseLazyLoadingProxies: OnConfiguring's class, or the registered context of the
    /// registration whose options lambda holds the call. Otherwise the method the call sits in, when it is a helper
    /// that registrations may call (<paramref name="helper"/>).
    /// </summary>
    private ITypeSymbol? FindConfiguredContext(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, out IMethodSymbol? helper)
    {
        helper = null;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax outer && Array.IndexOf(RegistrationNames, InvokedName.Of(outer.Expression)) >= 0 &&
                model.GetSymbolInfo(outer, cancellationToken).Symbol is IMethodSymbol registration)
            {
                return GetRegisteredContext(registration);
            }

            if (current is MethodDeclarationSyntax { Identifier.ValueText: "OnConfiguring" } configuring &&
                model.GetDeclaredSymbol(configuring, cancellationToken) is { } declared && symbols.IsDbContext(declared.ContainingType))
            {
                return declared.ContainingType;
            }

            if (current is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                helper = model.GetDeclaredSymbol(current, cancellationToken) as IMethodSymbol;
                return null;
            }

            if (current is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>DbContext types in referenced assemblies that themselves reference EF Core (the solution's data projects).</summary>
    private IEnumerable<INamedTypeSymbol> FindReferencedContexts(CancellationToken cancellationToken)
    {
        foreach (var assembly in symbols.Compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReferencesEfCore(assembly))
            {
                continue;
            }

            var pending = new Stack<INamespaceSymbol>();
            pending.Push(assembly.GlobalNamespace);
            var visited = 0;
            while (pending.Count > 0 && visited < 20000)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    visited++;
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol { TypeKind: TypeKind.Class } type && symbols.IsDbContext(type))
                    {
                        yield return type;
                    }
                }
            }
        }
    }

    /// <summary>An assembly of the application (not EF Core, not the framework) that references EF Core.</summary>
    public static bool ReferencesEfCore(IAssemblySymbol assembly)
    {
        var name = assembly.Identity.Name;
        if (name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.StartsWith("System", StringComparison.Ordinal) ||
            name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("Pomelo", StringComparison.Ordinal) ||
            name is "mscorlib" or "netstandard")
        {
            return false;
        }

        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
