using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The model the summary writer built, handed on to the analyzers of the same build. csc runs the generators on the
/// project's compilation and the analyzers on a second one: the same trees and references plus the generated files,
/// and new symbols. Building the model again there (binding every model-building call of every configuration once
/// more, while the compiler binds the project beside it) was half of PerfGuard's time in a project of EF
/// configurations. The model is kept by name and resolved against the second compilation's symbols; it is handed on
/// only when that compilation can only have the same model.
/// </summary>
internal sealed partial class EntityModel
{
    // Keyed by the compilation's first tree (a generated file is appended after the project's own); the entry
    // itself says which trees, references and options it was built from.
    private static readonly ConditionalWeakTable<SyntaxTree, Slot> SharedByFirstTree = new();

    // Names a generated file must not use for the model to be the same: what declares contexts, sets,
    // configurations and model-building helpers, registers a context or makes it lazy.
    private static readonly HashSet<string> ModelShapingNames = new(StringComparer.Ordinal)
    {
        "DbContext", "DbSet", "IEntityTypeConfiguration", "ModelBuilder", "EntityTypeBuilder", "OwnedNavigationBuilder",
        "UseLazyLoadingProxies", "AddDbContext", "AddDbContextPool", "AddDbContextFactory", "AddPooledDbContextFactory", "ILazyLoader",
    };

    // Source contexts and configuration classes: a generated partial part of one could configure more.
    private readonly HashSet<string> configuringTypeNames = new(StringComparer.Ordinal);

    // A phase threw, or a type or model-building call the model looked at did not resolve: a generated file of the
    // later compilation may declare what was missing, so the model is not handed on.
    private bool isIncomplete;

    /// <summary>True when this model was resolved from another compilation's (for tests).</summary>
    internal bool WasShared { get; private set; }

    /// <summary>Keeps this freshly built model (before any import) for a later compilation of the same source.</summary>
    internal void Share(Compilation compilation)
    {
        if (isIncomplete || compilation.SyntaxTrees.FirstOrDefault() is not { } first || Capture(compilation) is not { } shared)
        {
            return;
        }

        Volatile.Write(ref SharedByFirstTree.GetValue(first, static _ => new Slot()).Value, shared);
    }

    /// <summary>
    /// The model another compilation of the same trees, references and options built, resolved against
    /// <paramref name="symbols"/>' compilation; null when there is none, or the trees added since (generated files)
    /// could change it, or a name does not resolve.
    /// </summary>
    internal static EntityModel? TryShared(EfSymbols symbols, CancellationToken cancellationToken)
    {
        var compilation = symbols.Compilation;
        if (compilation.SyntaxTrees.FirstOrDefault() is not { } first ||
            !SharedByFirstTree.TryGetValue(first, out var slot) ||
            Volatile.Read(ref slot.Value) is not { } shared ||
            !shared.IsSameSource(compilation, cancellationToken))
        {
            return null;
        }

        try
        {
            return shared.Resolve(symbols);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Building it here is the fallback; an analyzer must never throw.
            return null;
        }
    }

    private SharedModel? Capture(Compilation compilation)
    {
        var builder = new SharedModel(compilation, configuringTypeNames, lazyLoadingEverywhere);
        return builder.AddTypes(builder.SourceEntities, sourceEntityTypes) &&
            builder.AddTypes(builder.AllEntities, allEntityTypes) &&
            builder.AddTypes(builder.Owned, ownedTypes) &&
            builder.AddTypes(builder.LazyContexts, lazyContexts) &&
            builder.AddTypes(builder.Seeded, seededTypes) &&
            builder.AddProperties(builder.AutoIncludes, autoIncludes) &&
            builder.AddProperties(builder.ConfiguredNavigations, configuredNavigations) &&
            builder.AddProperties(builder.IgnoredMembers, ignoredMembers) &&
            builder.AddKeys(configuredKeys) &&
            builder.AddContexts(contextsOfEntity)
            ? builder.Captured()
            : null;
    }

    private sealed class Slot
    {
        public SharedModel? Value;
    }

    /// <summary>A named type, or (<see cref="TypeParameter"/> not -1) a type parameter of one: a generic configuration's <c>HasKey</c> on its own <c>TEntity</c>.</summary>
    private readonly struct TypeName : IEquatable<TypeName>
    {
        public TypeName(string assembly, string metadataName, int typeParameter = -1)
        {
            Assembly = assembly;
            MetadataName = metadataName;
            TypeParameter = typeParameter;
        }

        public string Assembly { get; }

        public string MetadataName { get; }

        public int TypeParameter { get; }

        public bool Equals(TypeName other) => Assembly == other.Assembly && MetadataName == other.MetadataName && TypeParameter == other.TypeParameter;

        public override bool Equals(object? obj) => obj is TypeName other && Equals(other);

        public override int GetHashCode() => (((Assembly.GetHashCode() * 31) ^ MetadataName.GetHashCode()) * 31) ^ TypeParameter;
    }

    private readonly struct PropertyName
    {
        public PropertyName(TypeName owner, string name)
        {
            Owner = owner;
            Name = name;
        }

        public TypeName Owner { get; }

        public string Name { get; }
    }

    private sealed class SharedModel
    {
        private readonly SyntaxTree[] trees;
        private readonly MetadataReference[] references;
        private readonly CompilationOptions options;
        // The compilation's own assembly goes by this key, not by its identity: computing that binds the assembly's
        // attributes, work the compiler does later anyway but that the first to ask is charged with.
        private const string SourceAssembly = "";

        private readonly string? assemblyName;
        private IAssemblySymbol? sourceAssembly;

        public SharedModel(Compilation compilation, IEnumerable<string> configuringTypeNames, bool lazyLoadingEverywhere)
        {
            trees = compilation.SyntaxTrees.ToArray();
            references = compilation.ExternalReferences.ToArray();
            options = compilation.Options;
            assemblyName = compilation.AssemblyName;
            sourceAssembly = compilation.Assembly;
            TypeNames.UnionWith(configuringTypeNames);
            LazyLoadingEverywhere = lazyLoadingEverywhere;
        }

        public bool LazyLoadingEverywhere { get; }

        public List<TypeName> SourceEntities { get; } = new();

        public List<TypeName> AllEntities { get; } = new();

        public List<TypeName> Owned { get; } = new();

        public List<TypeName> LazyContexts { get; } = new();

        public List<TypeName> Seeded { get; } = new();

        public List<PropertyName> AutoIncludes { get; } = new();

        public List<PropertyName> ConfiguredNavigations { get; } = new();

        public List<PropertyName> IgnoredMembers { get; } = new();

        public List<(TypeName Entity, string Key)> Keys { get; } = new();

        public List<(TypeName Entity, TypeName[] Contexts)> Contexts { get; } = new();

        // Simple names of every type the model names, and of the source contexts and configuration classes: a generated
        // partial part of one could add members or configuration.
        public HashSet<string> TypeNames { get; } = new(StringComparer.Ordinal);

        /// <summary>Done capturing: the entry outlives the compilation it was built from and holds none of its symbols.</summary>
        public SharedModel Captured()
        {
            sourceAssembly = null;
            return this;
        }

        public bool AddTypes(List<TypeName> target, IEnumerable<ITypeSymbol> types)
        {
            foreach (var type in types)
            {
                if (NameOf(type) is not { } name)
                {
                    return false;
                }

                target.Add(name);
            }

            return true;
        }

        public bool AddProperties(List<PropertyName> target, IEnumerable<IPropertySymbol> properties)
        {
            foreach (var property in properties)
            {
                if (NameOf(property.ContainingType) is not { } owner)
                {
                    return false;
                }

                target.Add(new PropertyName(owner, property.Name));
            }

            return true;
        }

        public bool AddKeys(Dictionary<ITypeSymbol, string> keys)
        {
            foreach (var pair in keys)
            {
                if (NameOf(pair.Key) is not { } entity)
                {
                    return false;
                }

                Keys.Add((entity, pair.Value));
            }

            return true;
        }

        public bool AddContexts(Dictionary<ITypeSymbol, List<ITypeSymbol>> contextsOfEntity)
        {
            foreach (var pair in contextsOfEntity)
            {
                var contexts = new List<TypeName>();
                if (NameOf(pair.Key) is not { } entity || !AddTypes(contexts, pair.Value))
                {
                    return false;
                }

                Contexts.Add((entity, contexts.ToArray()));
            }

            return true;
        }

        /// <summary>
        /// The compilation holds every tree this model was built from, the same references and options, and what it
        /// adds (generated files) declares no context, set, configuration or registration, and no part of a type the
        /// model names.
        /// </summary>
        public bool IsSameSource(Compilation compilation, CancellationToken cancellationToken)
        {
            if (compilation.AssemblyName != assemblyName || !compilation.Options.Equals(options))
            {
                return false;
            }

            var index = 0;
            foreach (var reference in compilation.ExternalReferences)
            {
                if (index >= references.Length || !ReferenceEquals(reference, references[index++]))
                {
                    return false;
                }
            }

            if (index != references.Length)
            {
                return false;
            }

            var own = new HashSet<SyntaxTree>(trees);
            var kept = 0;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (own.Contains(tree))
                {
                    kept++;
                }
                else if (MayShapeModel(tree.GetRoot(cancellationToken)))
                {
                    return false;
                }
            }

            return kept == trees.Length;
        }

        public EntityModel? Resolve(EfSymbols symbols)
        {
            var compilation = symbols.Compilation;
            var assemblies = new Dictionary<string, IAssemblySymbol>(StringComparer.Ordinal) { [SourceAssembly] = compilation.Assembly };
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assemblies.ContainsKey(assembly.Identity.Name))
                {
                    // Two assemblies of one name: which one a name meant is not known.
                    return null;
                }

                assemblies.Add(assembly.Identity.Name, assembly);
            }

            var resolved = new Dictionary<TypeName, ITypeSymbol?>();
            ITypeSymbol? Type(TypeName name)
            {
                if (!resolved.TryGetValue(name, out var type))
                {
                    var named = assemblies.TryGetValue(name.Assembly, out var assembly) ? assembly.GetTypeByMetadataName(name.MetadataName) : null;
                    type = name.TypeParameter < 0 ? named : named is not null && name.TypeParameter < named.TypeParameters.Length ? named.TypeParameters[name.TypeParameter] : null;
                    resolved[name] = type;
                }

                return type;
            }

            IPropertySymbol? Property(PropertyName name) =>
                (Type(name.Owner) as INamedTypeSymbol)?.GetMembers(name.Name).OfType<IPropertySymbol>().FirstOrDefault(static property => !property.IsIndexer);

            var model = new EntityModel(symbols) { WasShared = true, lazyLoadingEverywhere = LazyLoadingEverywhere };
            if (!AddAll(model.sourceEntityTypes, SourceEntities, Type) || !AddAll(model.allEntityTypes, AllEntities, Type) ||
                !AddAll(model.ownedTypes, Owned, Type) || !AddAll(model.lazyContexts, LazyContexts, Type) ||
                !AddAll(model.seededTypes, Seeded, Type) || !AddAll(model.autoIncludes, AutoIncludes, Property) ||
                !AddAll(model.configuredNavigations, ConfiguredNavigations, Property) || !AddAll(model.ignoredMembers, IgnoredMembers, Property))
            {
                return null;
            }

            foreach (var (entityName, key) in Keys)
            {
                if (Type(entityName) is not { } entity)
                {
                    return null;
                }

                model.configuredKeys[entity] = key;
            }

            foreach (var (entityName, contextNames) in Contexts)
            {
                var contexts = new List<ITypeSymbol>(contextNames.Length);
                if (Type(entityName) is not { } entity || !AddAll(contexts, contextNames, Type))
                {
                    return null;
                }

                model.contextsOfEntity[entity] = contexts;
            }

            return model;
        }

        private static bool AddAll<TName, TSymbol>(ICollection<TSymbol> target, IEnumerable<TName> names, Func<TName, TSymbol?> resolve)
            where TSymbol : class
        {
            foreach (var name in names)
            {
                if (resolve(name) is not { } symbol)
                {
                    return false;
                }

                target.Add(symbol);
            }

            return true;
        }

        private bool MayShapeModel(SyntaxNode root)
        {
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) &&
                    (ModelShapingNames.Contains(token.ValueText) ||
                     (token.Parent is BaseTypeDeclarationSyntax declaration && declaration.Identifier == token &&
                      TypeNames.Contains(token.ValueText))))
                {
                    return true;
                }
            }

            return false;
        }

        private TypeName? NameOf(ITypeSymbol type)
        {
            if (type is ITypeParameterSymbol { DeclaringType: { } declaring } parameter)
            {
                return NameOf(declaring) is { } owner ? new TypeName(owner.Assembly, owner.MetadataName, parameter.Ordinal) : null;
            }

            if (type is not INamedTypeSymbol named || named.ContainingAssembly is not { } assembly)
            {
                return null;
            }

            TypeNames.Add(named.Name);
            return new TypeName(ReferenceEquals(assembly, sourceAssembly) ? SourceAssembly : assembly.Identity.Name, MetadataNameOf(named));
        }
    }
}
