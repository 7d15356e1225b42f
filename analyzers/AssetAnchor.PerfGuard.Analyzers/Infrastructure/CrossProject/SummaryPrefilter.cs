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
/// Decides, from syntax and the referenced assemblies' metadata tables (no symbol), that a compilation can write no
/// record at all, so the summary generator writes the marker alone and never asks for a symbol. The first symbol
/// lookup binds every reference of the compilation; csc does that anyway at its Declare stage, after the generators,
/// but <c>ReportAnalyzer</c> charges it to the generator that asked first: in a small library with nothing to
/// record that binding was nearly all of PerfGuard's time (docs/cross-project.md, Cost).
/// </summary>
/// <remarks>
/// Every test here is a superset of what <see cref="SummaryWriter"/> looks at, by name: a type whose declared member
/// types (fields, properties, parameters, the base list, constraints) name nothing in
/// <see cref="DataAccessTypeNames"/> cannot be one of SummaryWriter's data-access types, and a file that calls no
/// method named like an interface method cannot hold a call-site record. When a new record kind needs other
/// compilations to be summarised, add its root names here (one place), or return false for it.
/// </remarks>
internal static class SummaryPrefilter
{
    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> GlobalEfCoreUsingByCompilation = new();

    /// <summary>
    /// The type names that make a member's holder a data-access type (SummaryWriter.IsDataAccessDependencyByType and
    /// IsDataAccess): the context, its sets and factory, the queryables of the framework. Types of the referenced
    /// assemblies that derive from or implement one of these, and types with recorded methods, are added per compilation.
    /// </summary>
    private static readonly string[] DataAccessTypeNames =
    {
        "DbContext", "DbSet", "IDbContextFactory", "IQueryable", "IOrderedQueryable", "EnumerableQuery",

        // Seeded-entity records (PG0007): a project may configure the model without declaring the context.
        "IEntityTypeConfiguration",
    };

    /// <summary>True when no record can come out of this compilation; decided without any symbol lookup.</summary>
    public static bool RecordsNothing(Compilation compilation, CancellationToken cancellationToken)
    {
        // The marker is written when EF Core's DbContext and DbSet resolve; a source declaration of either (a stub, or
        // EF Core's own source) leaves that to the symbols.
        if (compilation.ContainsSymbolsWithName(static name => name is "DbContext" or "DbSet", SymbolFilter.Type, cancellationToken))
        {
            return false;
        }

        var roots = new List<CompilationUnitSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                roots.Add(root);
            }
        }

        // A project that holds a context, a set or a queryable in a type of its own (an Infrastructure project) is
        // summarised: decided from syntax alone, before the references' tables are read.
        var typeNames = new HashSet<string>(DataAccessTypeNames, StringComparer.Ordinal);
        if (DeclaresDataAccessType(roots, typeNames, cancellationToken))
        {
            return false;
        }

        var metadata = ReferencedNames.Read(compilation, DataAccessTypeNames, cancellationToken);
        if (metadata is null || !metadata.HasEfCore)
        {
            return false;
        }

        typeNames.UnionWith(metadata.DataAccessTypes);
        if (DeclaresDataAccessType(roots, typeNames, cancellationToken))
        {
            return false;
        }

        // HandlerWriter's records: a request handler (a class implementing, itself or through a base class, a generic
        // interface of the application with one method) or a dispatcher (a method that resolves a service).
        if (MayDispatch(roots, metadata.InterfaceTypes, cancellationToken) || MayHandle(roots, metadata, cancellationToken))
        {
            return false;
        }

        var contractNames = CollectContracts(roots, metadata, cancellationToken);
        if (contractNames.IsEmpty)
        {
            // Every call-site check below asks UnseenContractNames.MayCall first: with no unseen contract, none can
            // pass, and the project is decided without walking its files again.
            return true;
        }

        var efEverywhere = HasGlobalEfCoreUsing(compilation, cancellationToken);
        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MayRecordCallSite(root, contractNames) || ((efEverywhere || ImportsEfCore(root)) && MayCallContractInType(root, contractNames)))
            {
                return false;
            }
        }

        // Endpoint rows (v1r) reached through a Map* method group or a method of this project (one more syntax walk,
        // only here, where the project would otherwise write the marker alone).
        return EndpointReach.Find(roots, contractNames, cancellationToken) is null;
    }

    /// <summary>
    /// For a library without EF Core (decided before any symbol lookup): whether an Up call site may be written, from
    /// syntax and the referenced assemblies' tables, with <see cref="RecordsNothing"/>'s own call-site checks: a call
    /// named like a method of an interface of the project or of a referenced application assembly that none of its types
    /// implements (<see cref="UnseenContractNames.MayCall"/>), in a loop or per-element lambda, taken by a local or a
    /// foreach, in an endpoint shape, under a Skip/Take, or reached from an endpoint (<see cref="EndpointReach"/>). A
    /// project that declares and references no interface, or calls none of their methods there (a Domain project), is
    /// decided without binding anything. True when a reference's tables cannot be read (the IDE): the symbols decide.
    /// </summary>
    public static bool MayRecordCallSitesWithoutEfCore(Compilation compilation, CancellationToken cancellationToken)
    {
        var roots = new List<CompilationUnitSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                roots.Add(root);
            }
        }

        if (ReferencedNames.Read(compilation, DataAccessTypeNames, cancellationToken) is not { } metadata)
        {
            return true;
        }

        var contractNames = CollectContracts(roots, metadata, cancellationToken);
        if (contractNames.IsEmpty)
        {
            return false;
        }

        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MayRecordCallSite(root, contractNames))
            {
                return true;
            }
        }

        return EndpointReach.Find(roots, contractNames, cancellationToken) is not null;
    }

    /// <summary>
    /// For a library without EF Core (decided before any symbol lookup): the methods that may take a page size into Take
    /// on a sequence they are given, so the writer records them (PG0006 across projects, docs/cross-project.md, Up and
    /// Handlers): a method declared public with a parameter whose type is named <c>IQueryable</c>,
    /// <c>IOrderedQueryable</c> or <c>IEnumerable</c> and at least one more parameter, whose body calls a method named
    /// <c>Take</c> (pca's <c>Paged&lt;T&gt;(this IQueryable&lt;T&gt; source, int page, int pageSize)</c>). Only member
    /// declarations are visited, and a body only when its signature fits: a project with none (a Domain project) is
    /// decided from syntax, with no symbol.
    /// </summary>
    public static List<MethodDeclarationSyntax> FindPagingHelpersWithoutEfCore(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<MethodDeclarationSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax { ParameterList.Parameters.Count: >= 2 } method &&
                    method.Modifiers.Any(SyntaxKind.PublicKeyword) && TakesSequence(method.ParameterList) && CallsTake(method))
                {
                    found.Add(method);
                }
            }
        }

        return found;

        static bool TakesSequence(ParameterListSyntax parameters)
        {
            foreach (var parameter in parameters.Parameters)
            {
                var type = parameter.Type is QualifiedNameSyntax qualified ? qualified.Right : parameter.Type;
                if (type is GenericNameSyntax { Identifier.ValueText: "IQueryable" or "IOrderedQueryable" or "IEnumerable" })
                {
                    return true;
                }
            }

            return false;
        }

        static bool CallsTake(MethodDeclarationSyntax method)
        {
            foreach (var node in ((SyntaxNode?)method.Body ?? method.ExpressionBody)?.DescendantNodes() ?? Enumerable.Empty<SyntaxNode>())
            {
                if (node is InvocationExpressionSyntax invocation && InvokedName.Of(invocation.Expression) == "Take")
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The simple names of the source classes, structs and records that may be data-access types
    /// (SummaryWriter.FindDataAccessTypes' candidates): those whose base list, constraints or member signatures name a
    /// data-access type, closed over the project's own types (a type holding one found here, or an interface one
    /// implements, may be one too). A superset, by name, of what the symbols then decide; the other types' members are
    /// never created. Null when a reference's tables cannot be read (the IDE's compilation references): then every type
    /// is a candidate.
    /// </summary>
    public static HashSet<string>? FindDataAccessCandidates(Compilation compilation, CancellationToken cancellationToken)
    {
        if (ReferencedNames.Read(compilation, DataAccessTypeNames, cancellationToken) is not { } metadata)
        {
            return null;
        }

        var roots = new List<CompilationUnitSyntax>();
        var types = new List<TypeDeclarationSyntax>();
        var sourceBases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax root)
            {
                continue;
            }

            roots.Add(root);
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is not TypeDeclarationSyntax type)
                {
                    continue;
                }

                if (type is not InterfaceDeclarationSyntax)
                {
                    types.Add(type);
                }

                if (type.BaseList is { } baseList)
                {
                    if (!sourceBases.TryGetValue(type.Identifier.ValueText, out var bases))
                    {
                        sourceBases.Add(type.Identifier.ValueText, bases = new List<string>());
                    }

                    foreach (var token in baseList.DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.IdentifierToken))
                        {
                            bases.Add(token.ValueText);
                        }
                    }
                }
            }
        }

        var typeNames = new HashSet<string>(DataAccessTypeNames, StringComparer.Ordinal);
        typeNames.UnionWith(metadata.DataAccessTypes);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        var grew = true;

        // A found type makes its holders data access, and so do all its base types and interfaces (the symbols add
        // AllInterfaces): walked up through the project's declarations and the references' tables.
        void AddWithBases(string name)
        {
            var pending = new Stack<string>();
            pending.Push(name);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!expanded.Add(current))
                {
                    continue;
                }

                grew |= typeNames.Add(current);
                if (sourceBases.TryGetValue(current, out var bases))
                {
                    bases.ForEach(pending.Push);
                }

                metadata.BaseNamesOf(current).ForEach(pending.Push);
            }
        }

        while (grew)
        {
            cancellationToken.ThrowIfCancellationRequested();
            grew = false;
            AddAliases(roots, typeNames);
            foreach (var type in types)
            {
                if (!candidates.Contains(type.Identifier.ValueText) && NamesDataAccessType(type, typeNames))
                {
                    candidates.Add(type.Identifier.ValueText);
                    AddWithBases(type.Identifier.ValueText);
                }
            }
        }

        return candidates;
    }

    private static bool DeclaresDataAccessType(List<CompilationUnitSyntax> roots, HashSet<string> typeNames, CancellationToken cancellationToken)
    {
        AddAliases(roots, typeNames);
        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DeclaresDataAccessType(root, typeNames))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// RequestHandlers.IsSourceDispatcher, widened: a public method, not an extension, whose first parameter's type is
    /// named like an interface (of this project, or of a referenced assembly that is not the framework's) and whose
    /// declaration calls GetService or one of its kin. The type's own accessibility is left to the symbols (a partial
    /// type says public in one part only).
    /// </summary>
    private static bool MayDispatch(List<CompilationUnitSyntax> roots, HashSet<string> referencedInterfaces, CancellationToken cancellationToken)
    {
        var interfaces = new HashSet<string>(referencedInterfaces, StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is InterfaceDeclarationSyntax contract)
                {
                    interfaces.Add(contract.Identifier.ValueText);
                }
            }
        }

        AddAliases(roots, interfaces);
        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var node in root.DescendantNodes(static n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
            {
                if (node is MethodDeclarationSyntax { ParameterList.Parameters.Count: > 0 } method && IsPublicMethod(method) &&
                    method.ParameterList.Parameters[0] is { Type: { } firstType } first && !first.Modifiers.Any(SyntaxKind.ThisKeyword) &&
                    GetTypeName(firstType) is { } typeName && interfaces.Contains(typeName) && CallsServiceLocator(method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Declared public: an interface's members are public unless they say otherwise.</summary>
    private static bool IsPublicMethod(MethodDeclarationSyntax method) =>
        method.Modifiers.Any(SyntaxKind.PublicKeyword) ||
        (method.Parent is InterfaceDeclarationSyntax &&
         !method.Modifiers.Any(SyntaxKind.PrivateKeyword) && !method.Modifiers.Any(SyntaxKind.ProtectedKeyword) && !method.Modifiers.Any(SyntaxKind.InternalKeyword));

    /// <summary>The simple name a type syntax ends with (<c>global::A.IFoo&lt;T&gt;?</c> gives IFoo); null for a keyword, array, tuple or pointer.</summary>
    private static string? GetTypeName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => GetTypeName(nullable.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    private static bool CallsServiceLocator(MethodDeclarationSyntax method)
    {
        foreach (var node in method.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation &&
                InvokedName.Of(invocation.Expression) is "GetService" or "GetRequiredService" or "GetServices" or "GetKeyedService" or "GetRequiredKeyedService")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A non-abstract class whose base list names a handler contract, a referenced type implementing one, or an abstract
    /// class of this project that does (to a fixed point), and which can have facts (HandlerRecord.HasFacts): the
    /// writer binds only the handle method's body, so the class or a class of this project it derives from must declare
    /// a method with a body named like a contract's handle method (one implemented in a referenced assembly has no
    /// body here, and its round trip or rows would come from a record of a data-access type, decided above). A base-list
    /// entry naming a contract directly with one of the class's own type parameters first
    /// (<c>Client&lt;TRequest&gt; : IClient&lt;TRequest&gt;</c>) makes no handler: the request type is not a class.
    /// Generic interfaces of this project with one method count as contracts too.
    /// </summary>
    private static bool MayHandle(List<CompilationUnitSyntax> roots, ReferencedNames metadata, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(metadata.HandlerTypes, StringComparer.Ordinal);
        var contracts = new HashSet<string>(metadata.RootHandlerContracts, StringComparer.Ordinal);

        // A name that is also a type passing a contract on (another type of that name, in any assembly) is not a root contract.
        var passedOn = new HashSet<string>(metadata.HandlerTypes, StringComparer.Ordinal);
        passedOn.ExceptWith(metadata.RootHandlerContracts);
        var handleNames = new HashSet<string>(metadata.HandleMethodNames, StringComparer.Ordinal);
        var classes = new List<TypeDeclarationSyntax>();
        var declarations = new Dictionary<string, List<TypeDeclarationSyntax>>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is InterfaceDeclarationSyntax { TypeParameterList: not null } contract)
                {
                    var methods = 0;
                    string? handleName = null;
                    foreach (var member in contract.Members)
                    {
                        if (member is MethodDeclarationSyntax method && !method.Modifiers.Any(SyntaxKind.StaticKeyword))
                        {
                            methods++;
                            handleName = method.Identifier.ValueText;
                        }
                    }

                    if (methods == 1)
                    {
                        names.Add(contract.Identifier.ValueText);
                        handleNames.Add(handleName!);
                        if (contract.BaseList is null)
                        {
                            contracts.Add(contract.Identifier.ValueText);
                        }
                        else
                        {
                            passedOn.Add(contract.Identifier.ValueText);
                        }
                    }
                }

                if (node is InterfaceDeclarationSyntax { BaseList: not null } derivedContract)
                {
                    classes.Add(derivedContract);
                }

                if (node is InterfaceDeclarationSyntax or ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword })
                {
                    // Interfaces too: a default implementation is a handle body.
                    var type = (TypeDeclarationSyntax)node;
                    if (!declarations.TryGetValue(type.Identifier.ValueText, out var parts))
                    {
                        declarations.Add(type.Identifier.ValueText, parts = new List<TypeDeclarationSyntax>());
                    }

                    parts.Add(type);
                    if (type is not InterfaceDeclarationSyntax && type.BaseList is not null)
                    {
                        classes.Add(type);
                    }
                }
            }
        }

        // The referenced types that implement a contract, asked only for the names this project's base lists and
        // aliases use (the packages' contracts have thousands of implementations).
        foreach (var identifier in BaseListAndAliasIdentifiers(roots, classes))
        {
            if (!names.Contains(identifier) && metadata.IsHandlerType(identifier))
            {
                names.Add(identifier);
                if (!metadata.RootHandlerContracts.Contains(identifier))
                {
                    passedOn.Add(identifier);
                }
            }
        }

        AddAliases(roots, names);
        var withHandleBody = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var type in classes)
            {
                // A class (not abstract in this declaration: another part may say abstract, so this errs towards
                // summarising) that implements a contract is a handler; an abstract class or an interface passes it on.
                // Every type naming one passes it on to the classes deriving from it, a handler without facts too.
                if (type is not InterfaceDeclarationSyntax && !type.Modifiers.Any(SyntaxKind.AbstractKeyword) &&
                    ImplementsContract(type, names, contracts, passedOn) && DeclaresHandleBody(type.Identifier.ValueText, declarations, handleNames, withHandleBody))
                {
                    return true;
                }

                if (NamesAny(type.BaseList!, names))
                {
                    changed |= names.Add(type.Identifier.ValueText);
                    passedOn.Add(type.Identifier.ValueText);
                }
            }
        }

        return false;
    }

    private static HashSet<string> BaseListAndAliasIdentifiers(List<CompilationUnitSyntax> roots, List<TypeDeclarationSyntax> types)
    {
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        void AddTokens(SyntaxNode node)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    identifiers.Add(token.ValueText);
                }
            }
        }

        foreach (var type in types)
        {
            AddTokens(type.BaseList!);
        }

        foreach (var root in roots)
        {
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (node is UsingDirectiveSyntax { Alias: not null } alias)
                {
                    AddTokens(alias);
                }
            }
        }

        return identifiers;
    }

    /// <summary>A base-list entry names a contract (or a type passing one on), unless it names a contract directly with a type parameter of the class first.</summary>
    private static bool ImplementsContract(TypeDeclarationSyntax type, HashSet<string> names, HashSet<string> contracts, HashSet<string> passedOn)
    {
        foreach (var entry in type.BaseList!.Types)
        {
            if (!NamesAny(entry, names))
            {
                continue;
            }

            if (entry.Type is GenericNameSyntax { TypeArgumentList.Arguments.Count: > 0 } generic &&
                generic.TypeArgumentList.Arguments[0] is IdentifierNameSyntax first && contracts.Contains(generic.Identifier.ValueText) && !passedOn.Contains(generic.Identifier.ValueText) &&
                IsTypeParameterInScope(type, first.Identifier.ValueText) &&
                !NamesAny(generic.TypeArgumentList, names))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool IsTypeParameterInScope(TypeDeclarationSyntax type, string name)
    {
        for (SyntaxNode? current = type; current is not null; current = current.Parent)
        {
            if (current is TypeDeclarationSyntax { TypeParameterList: { } parameters })
            {
                foreach (var parameter in parameters.Parameters)
                {
                    if (parameter.Identifier.ValueText == name)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Some part of the class, or of a class of this project named in its base lists (transitively), declares a method with a body named like a handle method.</summary>
    private static bool DeclaresHandleBody(
        string typeName, Dictionary<string, List<TypeDeclarationSyntax>> declarations, HashSet<string> handleNames, Dictionary<string, bool> known)
    {
        if (known.TryGetValue(typeName, out var answer))
        {
            return answer;
        }

        // A cycle in the base lists (an error) or a type seen on this path: no body through it.
        known[typeName] = false;
        answer = false;
        if (declarations.TryGetValue(typeName, out var parts))
        {
            foreach (var part in parts)
            {
                foreach (var member in part.Members)
                {
                    if (member is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null } &&
                        handleNames.Contains(((MethodDeclarationSyntax)member).Identifier.ValueText))
                    {
                        answer = true;
                        break;
                    }
                }

                if (!answer && part.BaseList is not null)
                {
                    foreach (var token in part.BaseList.DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText != typeName &&
                            DeclaresHandleBody(token.ValueText, declarations, handleNames, known))
                        {
                            answer = true;
                            break;
                        }
                    }
                }

                if (answer)
                {
                    break;
                }
            }
        }

        known[typeName] = answer;
        return answer;
    }

    /// <summary>Method names of every interface declared in source (SummaryWriter.FindUnseenContractNames, before it drops the implemented ones).</summary>
    /// <summary>
    /// The unseen contracts as the call-site writers see them (SummaryWriter.FindUnseenContractNames), widened: every
    /// interface of the project and every public interface of a referenced application assembly that none of its
    /// types implements, each method name with the interfaces a call of it can be made on (the declaring one and every
    /// type deriving from it, through the project's base lists and the references' tables), so that
    /// <see cref="UnseenContractNames.MayCall"/> skips here only what it skips there.
    /// </summary>
    private static UnseenContractNames CollectContracts(List<CompilationUnitSyntax> roots, ReferencedNames metadata, CancellationToken cancellationToken)
    {
        var sourceDerived = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var contracts = new List<(string Name, List<string> Methods)>(metadata.UnseenInterfaces);
        foreach (var root in roots)
        {
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is not TypeDeclarationSyntax type)
                {
                    continue;
                }

                if (type is InterfaceDeclarationSyntax contract)
                {
                    var methods = new List<string>();
                    foreach (var member in contract.Members)
                    {
                        if (member is MethodDeclarationSyntax method)
                        {
                            methods.Add(method.Identifier.ValueText);
                        }
                    }

                    contracts.Add((contract.Identifier.ValueText, methods));
                }

                foreach (var token in type.BaseList?.DescendantTokens() ?? Enumerable.Empty<SyntaxToken>())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        if (!sourceDerived.TryGetValue(token.ValueText, out var derived))
                        {
                            sourceDerived.Add(token.ValueText, derived = new List<string>());
                        }

                        derived.Add(type.Identifier.ValueText);
                    }
                }
            }
        }

        var names = new UnseenContractNames(roots.ConvertAll(static root => root.SyntaxTree), cancellationToken);
        var receiversByContract = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (contract, methods) in contracts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!receiversByContract.TryGetValue(contract, out var receivers))
            {
                receivers = new List<string>();
                var pending = new Stack<string>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                pending.Push(contract);
                while (pending.Count > 0)
                {
                    var current = pending.Pop();
                    if (!seen.Add(current))
                    {
                        continue;
                    }

                    receivers.Add(current);
                    metadata.DerivedNamesOf(current).ForEach(pending.Push);
                    if (sourceDerived.TryGetValue(current, out var derived))
                    {
                        derived.ForEach(pending.Push);
                    }
                }

                receiversByContract.Add(contract, receivers);
            }

            foreach (var method in methods)
            {
                names.Add(method, receivers);
            }
        }

        return names;
    }

    /// <summary><c>using Db = Shop.AppDbContext;</c>: the alias names a data-access type too.</summary>
    private static void AddAliases(List<CompilationUnitSyntax> roots, HashSet<string> typeNames)
    {
        var aliases = new List<UsingDirectiveSyntax>();
        foreach (var root in roots)
        {
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (node is UsingDirectiveSyntax { Alias: not null } alias)
                {
                    aliases.Add(alias);
                }
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var alias in aliases)
            {
                if (!typeNames.Contains(alias.Alias!.Name.Identifier.ValueText) && NamesAny(alias, typeNames))
                {
                    changed |= typeNames.Add(alias.Alias.Name.Identifier.ValueText);
                }
            }
        }
    }

    /// <summary>A class, struct or record whose declared member types, base list or constraints name a data-access type.</summary>
    private static bool DeclaresDataAccessType(SyntaxNode root, HashSet<string> typeNames)
    {
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is TypeDeclarationSyntax type and not InterfaceDeclarationSyntax && NamesDataAccessType(type, typeNames))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A class, struct or record declaration whose base list, primary constructor, constraints or member signatures name one of the types.</summary>
    private static bool NamesDataAccessType(TypeDeclarationSyntax type, HashSet<string> typeNames)
    {
        if ((type.BaseList is { } baseList && NamesAny(baseList, typeNames)) ||
            (type.ParameterList is { } primary && NamesAny(primary, typeNames)))
        {
            return true;
        }

        foreach (var constraint in type.ConstraintClauses)
        {
            if (NamesAny(constraint, typeNames))
            {
                return true;
            }
        }

        foreach (var member in type.Members)
        {
            if (MemberSignatureNamesAny(member, typeNames))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member's declared types and parameters (what SummaryWriter.IsDataAccess reads from its symbol), not its body.</summary>
    private static bool MemberSignatureNamesAny(MemberDeclarationSyntax member, HashSet<string> typeNames)
    {
        switch (member)
        {
            case BaseFieldDeclarationSyntax field:
                return NamesAny(field.Declaration.Type, typeNames);
            case BasePropertyDeclarationSyntax property:
                return NamesAny(property.Type, typeNames) ||
                       (property is IndexerDeclarationSyntax indexer && NamesAny(indexer.ParameterList, typeNames));
            case BaseMethodDeclarationSyntax method:
                if (NamesAny(method.ParameterList, typeNames))
                {
                    return true;
                }

                if (method is MethodDeclarationSyntax ordinary)
                {
                    foreach (var constraint in ordinary.ConstraintClauses)
                    {
                        if (NamesAny(constraint, typeNames))
                        {
                            return true;
                        }
                    }
                }

                return false;
            case DelegateDeclarationSyntax or TypeDeclarationSyntax or EnumDeclarationSyntax:
                // Nested types are looked at on their own.
                return false;
            default:
                // Anything new to the language: assume it may hold a data-access type.
                return member is not (GlobalStatementSyntax or IncompleteMemberSyntax);
        }
    }

    private static bool NamesAny(SyntaxNode node, HashSet<string> typeNames)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && typeNames.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a call-site record of any kind may be written for a call of this file, in one walk: a contract-named call
    /// (<see cref="UnseenContractNames.MayCall"/>) inside a loop, lambda or query expression of the same member
    /// (SummaryWriter.CollectCallSites' gate, widened: a call-site record is a call whose innermost such node is a loop
    /// or a lambda run per element); one whose result a local or a foreach takes (a navigation read may follow, v1n);
    /// one inside an endpoint-shaped function (a page size may be passed, v1p; its rows may be returned, v1r): a lambda
    /// passed to Map*, a method with attributes, or a method of a class named *Controller or deriving from a
    /// *Controller or *PageModel; or a Skip/Take over a contract-named call's query (v1o, <see cref="UpRowLimits"/>).
    /// </summary>
    private static bool MayRecordCallSite(SyntaxNode root, UnseenContractNames names)
    {
        if (!names.TreeMayCall(root.SyntaxTree))
        {
            return false;
        }

        foreach (var node in root.DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            if (names.MayCall(invocation) && (IterationSyntax.GetInnermost(invocation) is not null || IsTakenOrInEndpoint(invocation)))
            {
                return true;
            }

            if (UpRowLimits.IsRowLimitOverContract(invocation, names))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Mixed chains (SummaryWriter.CollectContractCallers, field 13): a contract-named call in a member of a class,
    /// struct or record of a file written against EF Core (<see cref="ImportsEfCore"/>), wherever it sits (its method
    /// may be called in another project's loop).
    /// </summary>
    private static bool MayCallContractInType(SyntaxNode root, UnseenContractNames names)
    {
        if (!names.TreeMayCall(root.SyntaxTree))
        {
            return false;
        }

        foreach (var node in root.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && names.MayCall(invocation) &&
                invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type and not InterfaceDeclarationSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The file imports <c>Microsoft.EntityFrameworkCore</c>: its code is data-access code by its author's own choice
    /// (EmbeddingService runs EF's FirstOrDefaultAsync over a repository contract's query). A file that only calls a
    /// contract (a notifier, a service) keeps the project on the early exit.
    /// </summary>
    internal static bool ImportsEfCore(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax directive && IsEfCoreImport(directive))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="HasGlobalEfCoreUsing(IEnumerable{SyntaxNode})"/> over the compilation's files, read once per compilation:
    /// <see cref="RecordsNothing"/> and then SummaryWriter.CollectContractCallers ask it of the same compilation.
    /// </summary>
    internal static bool HasGlobalEfCoreUsing(Compilation compilation, CancellationToken cancellationToken) =>
        GlobalEfCoreUsingByCompilation.GetValue(
            compilation,
            c => new StrongBox<bool>(HasGlobalEfCoreUsing(c.SyntaxTrees.Select(tree => tree.GetRoot(cancellationToken))))).Value;

    /// <summary>A <c>global using Microsoft.EntityFrameworkCore;</c> in any file (ImplicitUsings' generated file or the project's own) imports it everywhere.</summary>
    internal static bool HasGlobalEfCoreUsing(IEnumerable<SyntaxNode> roots)
    {
        foreach (var root in roots)
        {
            if (root is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.RawKind != 0 && IsEfCoreImport(directive))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary><c>using Microsoft.EntityFrameworkCore;</c>, global or not (no alias, not <c>using static</c>).</summary>
    private static bool IsEfCoreImport(UsingDirectiveSyntax directive) =>
        directive is { Alias: null, StaticKeyword.RawKind: 0 } &&
        directive.Name?.ToString() is "Microsoft.EntityFrameworkCore" or "global::Microsoft.EntityFrameworkCore";

    private static bool IsTakenOrInEndpoint(InvocationExpressionSyntax invocation)
    {
        SyntaxNode consumer = invocation;
        while (consumer.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            consumer = consumer.Parent;
        }

        return consumer.Parent is ForEachStatementSyntax or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax } ||
            IsInEndpointShape(invocation);
    }

    /// <summary>Also UpCallSites' gate for endpoint rows (v1r): it records only what this lets through.</summary>
    internal static bool IsInEndpointShape(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax function:
                    var parent = function.Parent;
                    while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
                    {
                        parent = parent.Parent;
                    }

                    return parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax map } } &&
                        InvokedName.Of(map.Expression) is { } mapName && mapName.StartsWith("Map", StringComparison.Ordinal);
                case MethodDeclarationSyntax method:
                    return method.AttributeLists.Count > 0 ||
                        (method.Parent is TypeDeclarationSyntax type &&
                         (type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal) ||
                          (type.BaseList?.ToString() is { } bases && (bases.Contains("Controller") || bases.Contains("PageModel")))));
                case MemberDeclarationSyntax or CompilationUnitSyntax:
                    return false;
            }
        }

        return false;
    }
}
