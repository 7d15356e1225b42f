using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What the referenced assemblies' metadata tables say, for <see cref="SummaryPrefilter"/>, read without creating any
/// symbol. Each module is read once per process: the compiler server and the IDE share one metadata object per file
/// between all the compilations that reference it, so the second project of a build reads nothing again.
/// </summary>
internal sealed class ReferencedNames
{
    private const string EfCoreAssemblyName = "Microsoft.EntityFrameworkCore";

    // Keyed by the reader, not the ModuleMetadata: PortableExecutableReference.GetMetadata() hands every caller a new
    // copy of the metadata objects, and the copies share one PE image and its reader.
    private static readonly ConditionalWeakTable<MetadataReader, ModuleFacts> FactsByReader = new();

    private readonly List<ModuleFacts> modules = new();
    private readonly Dictionary<string, bool> handlerTypes = new(StringComparer.Ordinal);

    private ReferencedNames()
    {
    }

    public HashSet<string> DataAccessTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The method names of the public interfaces of the application's assemblies that no type of those assemblies
    /// implements (SummaryWriter.FindUnseenContractNames reads the same from the symbols): a call on an implemented one
    /// is judged by the implementing assembly's records, not recorded as a call site.
    /// </summary>
    public HashSet<string> InterfaceMethods { get; } = new(StringComparer.Ordinal);

    /// <summary>The same interfaces as <see cref="InterfaceMethods"/>, each by its simple name with its method names (<see cref="UnseenContractNames"/>' receivers).</summary>
    public List<(string Name, List<string> Methods)> UnseenInterfaces { get; } = new();

    public bool HasEfCore { get; private set; }

    /// <summary>Generic interfaces of application assemblies with one instance method (HandlerWriter's contracts); the types implementing them: <see cref="IsHandlerType"/>.</summary>
    public HashSet<string> HandlerTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Those of the generic one-method interfaces that derive from no other interface.</summary>
    public HashSet<string> RootHandlerContracts { get; } = new(StringComparer.Ordinal);

    /// <summary>The method names of the generic one-method interfaces.</summary>
    public HashSet<string> HandleMethodNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Every interface of an assembly that is not the framework's (RequestHandlers.IsSourceDispatcher's first parameter).</summary>
    public HashSet<string> InterfaceTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Null when a reference is not a readable file image (a compilation reference in the IDE): then nothing is decided here.</summary>
    public static ReferencedNames? Read(Compilation compilation, IEnumerable<string> dataAccessTypeNames, CancellationToken cancellationToken)
    {
        try
        {
            return ReadReferences(compilation, dataAccessTypeNames, cancellationToken);
        }
        catch (Exception exception) when (exception is BadImageFormatException or IOException or InvalidOperationException)
        {
            // An unreadable reference: the symbols will say what they can.
            return null;
        }
    }

    private static ReferencedNames? ReadReferences(Compilation compilation, IEnumerable<string> dataAccessTypeNames, CancellationToken cancellationToken)
    {
        var result = new ReferencedNames();
        var modules = result.modules;
        var implemented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in compilation.ExternalReferences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reference is not PortableExecutableReference portable)
            {
                return null;
            }

            if (IsTargetingPackAssembly(portable.FilePath))
            {
                // The framework's reference assemblies: no context, set or application interface in them (their
                // queryables are in the prefilter's own names), and not loading their metadata here leaves that to
                // the compiler, which loads only what it binds.
                continue;
            }

            if (portable.GetMetadata() is not AssemblyMetadata assembly)
            {
                return null;
            }

            foreach (var module in assembly.GetModules())
            {
                var facts = FactsOf(module);
                if (!facts.IsAssembly)
                {
                    continue;
                }

                modules.Add(facts);
                result.HasEfCore |= facts.IsEfCore;
                result.DataAccessTypes.UnionWith(facts.RecordedTypes);
                result.InterfaceTypes.UnionWith(facts.InterfaceTypes);
                result.HandlerTypes.UnionWith(facts.HandlerTypes);
                result.HandleMethodNames.UnionWith(facts.HandleMethodNames);
                result.RootHandlerContracts.UnionWith(facts.RootHandlerContracts);
                implemented.UnionWith(facts.ImplementedInterfaces);
            }
        }

        foreach (var facts in modules)
        {
            foreach (var (contract, methods) in facts.PublicInterfaces)
            {
                if (!implemented.Contains(contract))
                {
                    result.InterfaceMethods.UnionWith(methods);
                    result.UnseenInterfaces.Add((WithoutArity(contract.Substring(contract.LastIndexOf('.') + 1)), methods));
                }
            }
        }

        result.DataAccessTypes.UnionWith(ReadDerivedTypes(modules, dataAccessTypeNames, cancellationToken));
        return result;
    }

    /// <summary>One module's facts, read the first time any copy of its metadata is seen in this process.</summary>
    internal static ModuleFacts FactsOf(ModuleMetadata module) => FactsByReader.GetValue(module.GetMetadataReader(), static reader => new ModuleFacts(reader));

    /// <summary>The simple names of the types of the referenced assemblies that derive from or implement a type of this simple name, directly.</summary>
    public List<string> DerivedNamesOf(string name) => NamesIn(static module => module.DerivedByBase, name);

    /// <summary>The simple names of the base types and interfaces that types of this simple name have in the referenced assemblies.</summary>
    public List<string> BaseNamesOf(string name) => NamesIn(static module => module.BasesByName, name);

    private List<string> NamesIn(Func<ModuleFacts, Dictionary<string, List<string>>> map, string name)
    {
        var names = new List<string>();
        foreach (var module in modules)
        {
            if (map(module).TryGetValue(name, out var moduleNames))
            {
                names.AddRange(moduleNames);
            }
        }

        return names;
    }

    /// <summary>
    /// Whether a type of this simple name in the referenced assemblies is a handler contract or derives from or
    /// implements one, through any number of them. Walked up from the names a project's base lists use (a handful),
    /// not down from the contracts: the packages' one-method generic interfaces have thousands of implementations.
    /// </summary>
    public bool IsHandlerType(string name) => IsHandlerType(name, new HashSet<string>(StringComparer.Ordinal));

    private bool IsHandlerType(string name, HashSet<string> visiting)
    {
        if (handlerTypes.TryGetValue(name, out var known))
        {
            return known;
        }

        if (HandlerTypes.Contains(name))
        {
            handlerTypes[name] = true;
            return true;
        }

        if (!visiting.Add(name))
        {
            return false;
        }

        var result = false;
        foreach (var module in modules)
        {
            if (module.BasesByName.TryGetValue(name, out var bases) && bases.Exists(baseName => IsHandlerType(baseName, visiting)))
            {
                result = true;
                break;
            }
        }

        visiting.Remove(name);
        handlerTypes[name] = result;
        return result;
    }

    /// <summary>
    /// Types deriving from or implementing one of <paramref name="seeds"/>, through any number of referenced assemblies.
    /// A type can only derive from a type of another assembly through a type reference of that name, so a module's
    /// types are looked at only once its type-reference table names a known type.
    /// </summary>
    private static HashSet<string> ReadDerivedTypes(List<ModuleFacts> modules, IEnumerable<string> seeds, CancellationToken cancellationToken)
    {
        var derived = new HashSet<string>(StringComparer.Ordinal);
        var known = new HashSet<string>(seeds, StringComparer.Ordinal);
        var pending = new Queue<string>(known);
        var active = new bool[modules.Count];
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = pending.Dequeue();
            for (var index = 0; index < modules.Count; index++)
            {
                var module = modules[index];
                if (!active[index])
                {
                    if (!module.TypeReferenceNames.Contains(name))
                    {
                        continue;
                    }

                    // Newly looked at: every name known so far may have derived types here.
                    active[index] = true;
                    foreach (var earlier in new List<string>(known))
                    {
                        AddDerived(module, earlier, known, derived, pending);
                    }

                    continue;
                }

                AddDerived(module, name, known, derived, pending);
            }
        }

        return derived;
    }

    private static void AddDerived(ModuleFacts module, string baseName, HashSet<string> known, HashSet<string> derived, Queue<string> pending)
    {
        if (!module.DerivedByBase.TryGetValue(baseName, out var types))
        {
            return;
        }

        foreach (var type in types)
        {
            if (known.Add(type))
            {
                derived.Add(type);
                pending.Enqueue(type);
            }
        }
    }

    /// <summary>A reference assembly of a targeting pack (packs/Microsoft.NETCore.App.Ref/..., NETStandard.Library's ref folder).</summary>
    private static bool IsTargetingPackAssembly(string? path)
    {
        if (path is null || path.Length == 0)
        {
            return false;
        }

        var normalized = path.Replace('\\', '/');
        return (normalized.IndexOf("/packs/", StringComparison.OrdinalIgnoreCase) >= 0 && normalized.IndexOf(".Ref/", StringComparison.OrdinalIgnoreCase) >= 0) ||
               normalized.IndexOf("/netstandard.library/", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>What one module's tables say, independent of the compilation that references it.</summary>
    internal sealed class ModuleFacts
    {
        private readonly MetadataReader reader;
        private readonly object gate = new();
        private Dictionary<string, List<string>>? derivedByBase;
        private Dictionary<string, List<string>>? basesByName;
        private HashSet<string>? typeReferenceNames;

        public ModuleFacts(MetadataReader reader)
        {
            this.reader = reader;
            IsAssembly = reader.IsAssembly;
            if (!IsAssembly)
            {
                return;
            }

            var definition = reader.GetAssemblyDefinition();
            var name = reader.GetString(definition.Name);
            IsEfCore = name == EfCoreAssemblyName;
            if (MethodSummary.IsFrameworkAssemblyName(name))
            {
                return;
            }

            ReadRecordedTypes(definition);
            ReadInterfaces(ownedByApplication: definition.PublicKey.IsNil);
        }

        public bool IsAssembly { get; }

        public bool IsEfCore { get; }

        public List<string> RecordedTypes { get; } = new();

        public List<string> InterfaceTypes { get; } = new();

        public List<string> HandlerTypes { get; } = new();

        public List<string> HandleMethodNames { get; } = new();

        public List<string> RootHandlerContracts { get; } = new();

        /// <summary>Public interfaces of an application assembly (not strong-named): full metadata name and method names.</summary>
        public List<(string FullName, List<string> Methods)> PublicInterfaces { get; } = new();

        /// <summary>Full metadata names of the interfaces that a class or struct of an application assembly implements.</summary>
        public HashSet<string> ImplementedInterfaces { get; } = new(StringComparer.Ordinal);

        public HashSet<string> TypeReferenceNames
        {
            get
            {
                lock (gate)
                {
                    if (typeReferenceNames is null)
                    {
                        typeReferenceNames = new HashSet<string>(StringComparer.Ordinal);
                        foreach (var handle in reader.TypeReferences)
                        {
                            typeReferenceNames.Add(WithoutArity(reader.GetString(reader.GetTypeReference(handle).Name)));
                        }
                    }

                    return typeReferenceNames;
                }
            }
        }

        /// <summary>The types of this module by the simple name of their base type or of an interface they implement; read the first time a derived type is looked for here.</summary>
        public Dictionary<string, List<string>> DerivedByBase
        {
            get
            {
                lock (gate)
                {
                    ReadBaseTypes();
                    return derivedByBase!;
                }
            }
        }

        /// <summary>The base type and interfaces of this module's types, by the types' simple names.</summary>
        public Dictionary<string, List<string>> BasesByName
        {
            get
            {
                lock (gate)
                {
                    ReadBaseTypes();
                    return basesByName!;
                }
            }
        }

        private void ReadBaseTypes()
        {
            if (derivedByBase is not null)
            {
                return;
            }

            var derived = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var bases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                var typeName = WithoutArity(reader.GetString(type.Name));
                Link(SimpleName(type.BaseType), typeName, derived, bases);
                foreach (var implementation in type.GetInterfaceImplementations())
                {
                    Link(SimpleName(reader.GetInterfaceImplementation(implementation).Interface), typeName, derived, bases);
                }
            }

            basesByName = bases;
            derivedByBase = derived;
        }

        private static void Link(string? baseName, string typeName, Dictionary<string, List<string>> derived, Dictionary<string, List<string>> bases)
        {
            if (baseName is null)
            {
                return;
            }

            Append(derived, baseName, typeName);
            Append(bases, typeName, baseName);
        }

        private static void Append(Dictionary<string, List<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var values))
            {
                values = new List<string>();
                map.Add(key, values);
            }

            values.Add(value);
        }

        /// <summary>
        /// The interfaces (HandlerWriter's generic one-method contracts among them) and, for an assembly of the
        /// application, its public interfaces' methods and the interfaces its classes implement.
        /// </summary>
        private void ReadInterfaces(bool ownedByApplication)
        {
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if ((type.Attributes & System.Reflection.TypeAttributes.Interface) == 0)
                {
                    if (ownedByApplication)
                    {
                        foreach (var implementation in type.GetInterfaceImplementations())
                        {
                            if (FullName(reader.GetInterfaceImplementation(implementation).Interface) is { } contract)
                            {
                                ImplementedInterfaces.Add(contract);
                            }
                        }
                    }

                    continue;
                }

                InterfaceTypes.Add(WithoutArity(reader.GetString(type.Name)));
                ReadHandlerContract(type);
                if (ownedByApplication &&
                    (type.Attributes & System.Reflection.TypeAttributes.VisibilityMask) == System.Reflection.TypeAttributes.Public &&
                    FullName(handle) is { } fullName)
                {
                    var methods = new List<string>();
                    foreach (var methodHandle in type.GetMethods())
                    {
                        methods.Add(reader.GetString(reader.GetMethodDefinition(methodHandle).Name));
                    }

                    PublicInterfaces.Add((fullName, methods));
                }
            }
        }

        private void ReadHandlerContract(TypeDefinition type)
        {
            if (type.GetGenericParameters().Count == 0)
            {
                return;
            }

            var instanceMethods = 0;
            string? handleName = null;
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if ((method.Attributes & (System.Reflection.MethodAttributes.Static | System.Reflection.MethodAttributes.SpecialName)) == 0)
                {
                    instanceMethods++;
                    handleName = reader.GetString(method.Name);
                }
            }

            if (instanceMethods == 1)
            {
                var name = WithoutArity(reader.GetString(type.Name));
                HandlerTypes.Add(name);
                HandleMethodNames.Add(handleName!);
                if (type.GetInterfaceImplementations().Count == 0)
                {
                    RootHandlerContracts.Add(name);
                }
            }
        }

        /// <summary>The types that own a recorded method (field 2 of each v1 record): a member of such a type makes its holder data access.</summary>
        private void ReadRecordedTypes(AssemblyDefinition definition)
        {
            foreach (var handle in definition.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (AttributeTypeName(attribute.Constructor) != "AssemblyMetadataAttribute")
                {
                    continue;
                }

                var value = reader.GetBlobReader(attribute.Value);
                if (value.Length < 4 || value.ReadUInt16() != 1 || value.ReadSerializedString() != MethodSummary.MetadataKey ||
                    value.ReadSerializedString() is not { } text)
                {
                    continue;
                }

                var fields = text.Split('\t');
                if (fields.Length < 2 || fields[0] != MethodSummary.AssemblyMarker || !fields[1].StartsWith("M:", StringComparison.Ordinal))
                {
                    continue;
                }

                var id = fields[1];
                var end = id.IndexOf('(');
                var member = end < 0 ? id.Substring(2) : id.Substring(2, end - 2);
                var lastDot = member.LastIndexOf('.');
                if (lastDot <= 0)
                {
                    continue;
                }

                var typeName = member.Substring(0, lastDot);
                RecordedTypes.Add(WithoutArity(typeName.Substring(typeName.LastIndexOf('.') + 1)));
            }
        }

        private string? AttributeTypeName(EntityHandle constructor)
        {
            var parent = constructor.Kind switch
            {
                HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)constructor).Parent,
                HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType(),
                _ => default(EntityHandle),
            };
            return SimpleName(parent);
        }

        /// <summary>The simple name without generic arity of a type definition, reference or generic instantiation.</summary>
        private string? SimpleName(EntityHandle handle) => GenericDefinition(handle) switch
        {
            { IsNil: true } => null,
            { Kind: HandleKind.TypeDefinition } definition => WithoutArity(reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)definition).Name)),
            { Kind: HandleKind.TypeReference } reference => WithoutArity(reader.GetString(reader.GetTypeReference((TypeReferenceHandle)reference).Name)),
            _ => null,
        };

        /// <summary>
        /// "Namespace.Name`1" of a top-level type definition or reference (a generic instantiation names its definition);
        /// null for a nested type, which then matches nothing: a missed match only keeps a name, never drops one.
        /// </summary>
        private string? FullName(EntityHandle handle)
        {
            switch (GenericDefinition(handle))
            {
                case { Kind: HandleKind.TypeDefinition } definitionHandle:
                    var definition = reader.GetTypeDefinition((TypeDefinitionHandle)definitionHandle);
                    return definition.GetDeclaringType().IsNil ? reader.GetString(definition.Namespace) + "." + reader.GetString(definition.Name) : null;
                case { Kind: HandleKind.TypeReference } referenceHandle:
                    var reference = reader.GetTypeReference((TypeReferenceHandle)referenceHandle);
                    return reference.ResolutionScope.Kind == HandleKind.TypeReference ? null : reader.GetString(reference.Namespace) + "." + reader.GetString(reference.Name);
                default:
                    return null;
            }
        }

        /// <summary>The type definition or reference itself, or the generic type a TypeSpec instantiates; nil for anything else.</summary>
        private EntityHandle GenericDefinition(EntityHandle handle)
        {
            if (handle.IsNil || handle.Kind != HandleKind.TypeSpecification)
            {
                return handle;
            }

            var signature = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
            if (signature.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
            {
                return default;
            }

            return signature.ReadSignatureTypeCode() is SignatureTypeCode.TypeHandle ? signature.ReadTypeHandle() : default;
        }
    }

    private static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }
}
