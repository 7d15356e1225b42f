using System;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Marks an analyzer whose rules have no code fix and says why; a meta test checks every rule has either a
/// fix provider or this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class NoCodeFixAttribute : Attribute
{
    public NoCodeFixAttribute(string reason)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
