using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// One semantic model per syntax tree per compilation, for the interprocedural parts that must read the body of
/// a method declared in another tree. Created in a compilation-start action and shared by its callbacks.
/// </summary>
internal sealed class SemanticModelCache
{
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
        model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        return models.GetOrAdd(tree, model);
    }

    /// <summary>The operation for a declaration (method, local function, accessor); null when it has no body or the tree is foreign.</summary>
    public IOperation? GetOperation(SyntaxNode declaration, System.Threading.CancellationToken cancellationToken)
    {
        var model = Get(declaration.SyntaxTree);
        return model?.GetOperation(declaration, cancellationToken);
    }
}
