using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What the compilation's EF Core model looks like, built once per compilation on first need from source:
/// entity types (DbSet&lt;T&gt; of every DbContext, Entity&lt;T&gt;(), IEntityTypeConfiguration&lt;T&gt;, and the types
/// reachable from them through navigations), owned and complex types (always loaded with their owner),
/// AutoInclude navigations, and lazy loading (UseLazyLoadingProxies in OnConfiguring or AddDbContext options,
/// or ILazyLoader injected into an entity). Contexts referenced from other assemblies contribute entity types
/// (for the cross-assembly repository heuristic) but their model configuration is invisible, so navigation
/// rules only trust entities of source contexts.
/// </summary>
internal sealed class EntityModel
{
    private const int MaxEntityTypes = 4096;

    private readonly HashSet<ITypeSymbol> sourceEntityTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> allEntityTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> ownedTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IPropertySymbol> autoIncludes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> lazyContexts = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, List<ITypeSymbol>> contextsOfEntity = new(SymbolEqualityComparer.Default);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPropertySymbol, NavigationKind> navigationCache = new(SymbolEqualityComparer.Default);
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
        try
        {
            model.Populate(types, models, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Half-typed code can surprise any walker; an incomplete model only makes the rules quieter.
        }

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

    public bool IsSourceEntityType(ITypeSymbol? type) => type is not null && sourceEntityTypes.Contains(type.OriginalDefinition);

    public bool IsOwnedType(ITypeSymbol? type) => type is not null && ownedTypes.Contains(type.OriginalDefinition);

    public bool IsAutoIncluded(IPropertySymbol property) => autoIncludes.Contains(property.OriginalDefinition);

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
    /// collection of one. Owned and complex types, [NotMapped] and computed properties are not navigations.
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
        if (property.IsStatic || property.IsIndexer || !IsSourceEntityType(property.ContainingType) || HasAttribute(property, symbols.NotMappedAttribute))
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

        return IsMapped(property);
    }

    private static bool IsMapped(IPropertySymbol property)
    {
        if (property.SetMethod is not null)
        {
            return true;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax declaration)
            {
                if (declaration.ExpressionBody is not null || declaration.AccessorList is null)
                {
                    return false;
                }

                foreach (var accessor in declaration.AccessorList.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return HasConventionalBackingField(property);
                    }
                }

                return true;
            }
        }

        return HasConventionalBackingField(property);
    }

    private static bool HasConventionalBackingField(IPropertySymbol property)
    {
        var name = property.Name;
        var camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && (field.Name == "_" + camel || field.Name == camel || field.Name == "m_" + name))
            {
                return true;
            }
        }

        return false;
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

    private void Populate(SourceTypeIndex types, SemanticModelCache models, CancellationToken cancellationToken)
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
            ScanConfiguration(context, models, cancellationToken);
        }

        foreach (var configuration in configurations)
        {
            ScanConfiguration(configuration, models, cancellationToken);
        }

        // Model-building helpers called from OnModelCreating (static ConfigureLeases(ModelBuilder b), extension methods).
        foreach (var type in types.Types)
        {
            if (sourceContexts.Contains(type) || configurations.Contains(type))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && TakesModelBuilder(method))
                {
                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        if (models.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is { } body)
                        {
                            ScanModelBuilding(body, null);
                        }
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

        ScanLazyLoading(models, cancellationToken);
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

        list.Add(context.OriginalDefinition);
    }

    /// <summary>EF discovers the types reachable through navigations as entity types too.</summary>
    private void ExpandReachable(HashSet<ITypeSymbol> entities)
    {
        var pending = new Queue<ITypeSymbol>(entities);
        while (pending.Count > 0 && entities.Count < MaxEntityTypes)
        {
            var entity = pending.Dequeue();
            List<ITypeSymbol>? contexts = null;
            contextsOfEntity.TryGetValue(entity, out contexts);
            for (var type = entity as INamedTypeSymbol; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property || HasAttribute(property, symbols.NotMappedAttribute))
                    {
                        continue;
                    }

                    var candidate = property.Type.SpecialType == SpecialType.System_String ? null : property.Type;
                    if (candidate is not null && !IsCandidateEntity(candidate))
                    {
                        candidate = symbols.GetElementType(candidate);
                    }

                    if (candidate is INamedTypeSymbol named && IsCandidateEntity(named) && !ownedTypes.Contains(named.OriginalDefinition) &&
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

    /// <summary>A class declared in this compilation's source: framework types are never entities here.</summary>
    private static bool IsCandidateEntity(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named &&
        named.SpecialType == SpecialType.None &&
        named.Locations.Length > 0 && named.Locations[0].IsInSource;

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
                if (member is MethodDeclarationSyntax method &&
                    models.GetOperation(method, cancellationToken) is { } body)
                {
                    ScanModelBuilding(body, method.Identifier.ValueText == "OnConfiguring" ? type : null);
                }
            }
        }
    }

    private void ScanModelBuilding(IOperation body, INamedTypeSymbol? configuringContext)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
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
                case "HasConversion" when invocation.Instance?.Type is INamedTypeSymbol { TypeArguments.Length: 1 } propertyBuilder &&
                    propertyBuilder.TypeArguments[0] is INamedTypeSymbol converted:
                    // A class stored through a value converter is a scalar column, not a navigation.
                    ownedTypes.Add(converted.OriginalDefinition);
                    break;
                case "UseLazyLoadingProxies" when configuringContext is not null && IsProxiesMethod(method):
                    lazyContexts.Add(configuringContext.OriginalDefinition);
                    break;
            }
        }
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

    private void ScanLazyLoading(SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (symbols.ProxiesExtensions is null)
        {
            return;
        }

        foreach (var tree in symbols.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            foreach (var token in root.DescendantTokens())
            {
                if (token.ValueText != "UseLazyLoadingProxies" || token.Parent is not { } node)
                {
                    continue;
                }

                var invocationSyntax = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                if (invocationSyntax is null || models.Get(tree) is not { } model ||
                    model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation ||
                    !IsProxiesMethod(invocation.TargetMethod))
                {
                    continue;
                }

                var context = FindConfiguredContext(invocationSyntax, model, cancellationToken);
                if (context is null)
                {
                    lazyLoadingEverywhere = true;
                }
                else
                {
                    lazyContexts.Add(context.OriginalDefinition);
                }
            }
        }
    }

    /// <summary>The context whose options call UseLazyLoadingProxies: OnConfiguring's class, or AddDbContext&lt;T&gt;'s T.</summary>
    private ITypeSymbol? FindConfiguredContext(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax outer &&
                model.GetSymbolInfo(outer, cancellationToken).Symbol is IMethodSymbol registration &&
                (registration.Name.StartsWith("AddDbContext", StringComparison.Ordinal) ||
                 registration.Name == "AddPooledDbContextFactory"))
            {
                return registration.TypeArguments.Length > 0 && symbols.IsDbContext(registration.TypeArguments[0])
                    ? registration.TypeArguments[0]
                    : null;
            }

            if (current is MethodDeclarationSyntax { Identifier.ValueText: "OnConfiguring" } configuring &&
                model.GetDeclaredSymbol(configuring, cancellationToken) is { } declared && symbols.IsDbContext(declared.ContainingType))
            {
                return declared.ContainingType;
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
