using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// One semantic model per syntax tree per compilation, for the interprocedural parts that must read the body of
/// a method declared in another tree. Created in a compilation-start action and shared by its callbacks.
/// </summary>
/// <remarks>
/// The models skip nullable analysis where the compiler offers that (Roslyn 4.9 and later, read by reflection: the
/// analyzers compile against 4.8). PerfGuard reads symbols, types and operations, never nullability, and in a project
/// with nullable reference types on, binding a body for an operation ran the nullable walker over it: in the modular
/// monolith's <c>Common.Infrastructure</c> that was more than half of the summary writer's time.
/// </remarks>
internal sealed class SemanticModelCache
{
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? CreateWithoutNullableAnalysis = FindModelFactory();

    private readonly Compilation compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

    public SemanticModelCache(Compilation compilation)
    {
        this.compilation = compilation;
    }

    public SemanticModel? Get(SyntaxTree tree)
    {
        if (models.TryGetValue(tree, out var model))
        {
            return model;
        }

        if (!compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // Interprocedural analysis reads callee bodies in other trees; the model is made once per tree per compilation and cached here.
        model = CreateWithoutNullableAnalysis?.Invoke(compilation, tree) ?? compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        return models.GetOrAdd(tree, model);
    }

    /// <summary>The operation for a declaration (method, local function, accessor); null when it has no body or the tree is foreign.</summary>
    public IOperation? GetOperation(SyntaxNode declaration, System.Threading.CancellationToken cancellationToken)
    {
        var model = Get(declaration.SyntaxTree);
        return model?.GetOperation(declaration, cancellationToken);
    }

    /// <summary>
    /// The block or expression body of a method declared in this compilation (the first of <paramref name="read"/>'s
    /// declarations that has one), or null: a method from metadata, an abstract or extern one, a declaration not read.
    /// </summary>
    public IOperation? GetMethodBody(IMethodSymbol method, SourceBodies read, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var kind = syntax switch
            {
                MethodDeclarationSyntax => SourceBodies.MethodDeclarations,
                LocalFunctionStatementSyntax => SourceBodies.LocalFunctions,
                _ => SourceBodies.OtherMembers,
            };
            if ((read & kind) == 0)
            {
                continue;
            }

            switch (GetOperation(syntax, cancellationToken))
            {
                case IMethodBodyOperation body when (body.BlockBody ?? (IOperation?)body.ExpressionBody) is { } block:
                    return block;
                case ILocalFunctionOperation { Body: { } localBody }:
                    return localBody;
            }
        }

        return null;
    }

    /// <summary><c>Compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis)</c> when the host compiler has it.</summary>
    private static Func<Compilation, SyntaxTree, SemanticModel>? FindModelFactory()
    {
        try
        {
            var options = typeof(Compilation).Assembly.GetType("Microsoft.CodeAnalysis.SemanticModelOptions");
            var method = options is null ? null : typeof(Compilation).GetMethod("GetSemanticModel", new[] { typeof(SyntaxTree), options });
            if (options is null || method is null || !Enum.IsDefined(options, "DisableNullableAnalysis"))
            {
                return null;
            }

            var disableNullableAnalysis = Enum.Parse(options, "DisableNullableAnalysis");
            return (compilation, tree) => (SemanticModel)method.Invoke(compilation, new[] { tree, disableNullableAnalysis });
        }
        catch (Exception exception) when (exception is System.Reflection.AmbiguousMatchException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Which declarations of a method <see cref="SemanticModelCache.GetMethodBody"/> reads a body from.</summary>
[Flags]
internal enum SourceBodies
{
    /// <summary>Method declarations (<c>int M() { .. }</c>).</summary>
    MethodDeclarations = 1,

    /// <summary>Local functions.</summary>
    LocalFunctions = 2,

    /// <summary>Every other declaration with a method body: accessors, operators, conversions, destructors.</summary>
    OtherMembers = 4,

    /// <summary>The members of a type, not local functions.</summary>
    Members = MethodDeclarations | OtherMembers,

    All = Members | LocalFunctions,
}
