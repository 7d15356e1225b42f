using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The prefilter reads each referenced module's tables once per process. Every caller of
/// <see cref="PortableExecutableReference.GetMetadata"/> gets a new copy of the metadata objects (as every project of a
/// compiler-server build does), so the facts must be found again from any copy, not only from the first one.
/// </summary>
public sealed class ReferencedNamesCacheTests
{
    private static readonly Lazy<ReferencedProject> Contracts = new(() => ReferencedProject.Build("Anchor.CacheContracts", """
        namespace Anchor.CacheContracts;

        public interface IOrderReader
        {
            int Count();
        }
        """));

    [Fact]
    public void Every_copy_of_a_modules_metadata_finds_the_facts_read_from_the_first()
    {
        var reference = Assert.IsAssignableFrom<PortableExecutableReference>(Contracts.Value.Reference);
        var first = Assert.IsType<AssemblyMetadata>(reference.GetMetadata()).GetModules()[0];
        var second = Assert.IsType<AssemblyMetadata>(reference.GetMetadata()).GetModules()[0];

        Assert.NotSame(first, second);
        Assert.Same(ReferencedNames.FactsOf(first), ReferencedNames.FactsOf(second));
    }

    [Fact]
    public void Different_modules_have_facts_of_their_own()
    {
        var other = ReferencedProject.Build("Anchor.CacheOther", "namespace Anchor.CacheOther; public interface IOther { void Run(); }");
        var contracts = Assert.IsType<AssemblyMetadata>(((PortableExecutableReference)Contracts.Value.Reference).GetMetadata()).GetModules()[0];
        var otherModule = Assert.IsType<AssemblyMetadata>(((PortableExecutableReference)other.Reference).GetMetadata()).GetModules()[0];

        Assert.NotSame(ReferencedNames.FactsOf(contracts), ReferencedNames.FactsOf(otherModule));
    }
}
