using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
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
    /// The block or expression body of a method declared in this compilation (the first declaration that has one), or
    /// null: a method from metadata, an abstract or extern one, a local function.
    /// </summary>
    public IOperation? GetMethodBody(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is IMethodBodyOperation body &&
                (body.BlockBody ?? (IOperation?)body.ExpressionBody) is { } block)
            {
                return block;
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
