using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Keys the per-method caches by a method and a number (a call depth, a parameter ordinal): symbols compare by
/// <see cref="SymbolEqualityComparer.Default"/>, never by reference.
/// </summary>
internal sealed class MethodKeyComparer : IEqualityComparer<(IMethodSymbol Method, int Number)>
{
    public static readonly MethodKeyComparer Instance = new();

    public bool Equals((IMethodSymbol Method, int Number) x, (IMethodSymbol Method, int Number) y) =>
        x.Number == y.Number && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

    public int GetHashCode((IMethodSymbol Method, int Number) obj) =>
        (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + obj.Number;
}
