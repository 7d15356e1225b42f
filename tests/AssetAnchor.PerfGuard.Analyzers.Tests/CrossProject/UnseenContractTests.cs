using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Which calls the call-site writers may bind: a contract implemented in a referenced project is judged Down by that
/// project's records, so it is not an unseen contract; and a call whose receiver is declared with another type than
/// the unseen interfaces carrying its name cannot bind to one. Both checks only skip binding: every test pairs the
/// record that must stay with the one that must go.
/// </summary>
public sealed class UnseenContractTests
{
    private static readonly Lazy<ReferencedProject> Data = new(() => ReferencedProject.Build("Anchor.Data", """
        using System;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Data;

        public class Lease { public int Id { get; set; } }

        public class AnchorContext : DbContext
        {
            public DbSet<Lease> Leases { get; set; } = null!;
        }

        // Implemented here: a call on it is judged by this project's records.
        public interface ILeaseClock
        {
            Task<DateTime> SaveAsync(int leaseId);

            Task<DateTime> StampAsync(int leaseId);
        }

        public class SystemLeaseClock : ILeaseClock
        {
            public Task<DateTime> SaveAsync(int leaseId) => Task.FromResult(DateTime.UtcNow);

            public Task<DateTime> StampAsync(int leaseId) => Task.FromResult(DateTime.UtcNow);
        }

        // Implemented by a project built later: only that project can judge a call on it.
        public interface ILeaseOutbox
        {
            Task<int> SaveAsync(int leaseId);
        }

        public interface IModuleOutbox : ILeaseOutbox
        {
        }
        """));

    [Fact]
    public void ALoopOverAContractImplementedInAReference_OnlyTheMarker()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: true, "Anchor.Clock", """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anchor.Data;

            namespace Anchor.Clock;

            public class Stamps(ILeaseClock clock)
            {
                public async Task StampAll(List<int> leaseIds)
                {
                    foreach (var id in leaseIds)
                    {
                        await clock.StampAsync(id);
                    }
                }
            }
            """, Data.Value);

        Assert.Equal(ReferencedProject.MarkerOnlySummary, project.Summary);
    }

    [Theory]
    [InlineData("ILeaseOutbox outbox", "outbox")]
    [InlineData("IModuleOutbox outbox", "outbox")]
    [InlineData("object unused", "this.outboxField")]
    [InlineData("object unused", "Pick()")]
    public void ALoopOverTheUnseenContract_IsACallSiteRecord(string parameter, string receiver)
    {
        var project = ReferencedProject.Build("Anchor.Outbox", Loop(parameter, receiver), references: Data.Value);

        Assert.Contains("v1c\\tM:Anchor.Data.ILeaseOutbox.SaveAsync(System.Int32)", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameNameOnAContractImplementedInAReference_IsNoCallSiteRecord()
    {
        var project = ReferencedProject.Build("Anchor.Outbox", Loop("ILeaseClock clock", "clock"), references: Data.Value);

        Assert.DoesNotContain("\"v1c", project.Summary!, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyCallsOnAnImplementedContractSharingAnUnseenName_OnlyTheMarker()
    {
        // The prefilter reads the receiver's declared type too: ILeaseClock is implemented in Anchor.Data.
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: true, "Anchor.Clock", """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anchor.Data;

            namespace Anchor.Clock;

            public class Saver(ILeaseClock clock)
            {
                public async Task SaveAll(List<int> leaseIds)
                {
                    foreach (var id in leaseIds)
                    {
                        await clock.SaveAsync(id);
                    }
                }
            }
            """, Data.Value);

        Assert.Equal(ReferencedProject.MarkerOnlySummary, project.Summary);
    }

    [Fact]
    public void ACallOnTheUnseenContractThroughADerivedInterface_PassesThePrefilter()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.Outbox", Loop("IModuleOutbox moduleOutbox", "moduleOutbox"), Data.Value);

        Assert.Contains("v1c\\tM:Anchor.Data.ILeaseOutbox.SaveAsync(System.Int32)", project.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("void M(ILeaseOutbox outbox) { outbox.SaveAsync(1); }", "ILeaseOutbox")]
    [InlineData("private readonly ILeaseClock clock = null!; void M() { clock.SaveAsync(1); }", "ILeaseClock")]
    [InlineData("private ILeaseClock Clock { get; } = null!; void M() { this.Clock.SaveAsync(1); }", "ILeaseClock")]
    [InlineData("void M() { ILeaseOutbox? outbox = null; outbox!.SaveAsync(1); }", null)]
    [InlineData("void M() { ILeaseOutbox? outbox = null; outbox.SaveAsync(1); }", "ILeaseOutbox")]
    [InlineData("void M() { var outbox = Make(); outbox.SaveAsync(1); }", null)]
    [InlineData("void M<TOutbox>(TOutbox outbox) where TOutbox : ILeaseOutbox { outbox.SaveAsync(1); }", null)]
    [InlineData("private readonly ILeaseOutbox outbox = null!; void M() { F((ILeaseClock outbox) => 0); outbox.SaveAsync(1); }", null)]
    [InlineData("void M() { if (Make() is ILeaseOutbox outbox) outbox.SaveAsync(1); }", null)]
    public void TheReceiversDeclaredType_IsReadFromSyntaxOnlyWhenUnambiguous(string members, string? expected)
    {
        var source = "class Sample { ILeaseOutbox Make() => null!; static int F(System.Func<ILeaseClock, int> f) => 0; " + members + " }";
        var tree = CSharpSyntaxTree.ParseText(source);
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(static invocation => invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SaveAsync" });
        var receiver = ((MemberAccessExpressionSyntax)call.Expression).Expression;

        Assert.Equal(expected, UnseenContractNames.DeclaredTypeName(receiver));
    }

    [Theory]
    [InlineData("void M(ILeaseOutbox outbox) { outbox.SaveAsync(1); }", true)]
    [InlineData("void M(ILeaseOutbox outbox) { System.Func<int> f = () => outbox.SaveAsync(1).Result; }", true)]
    [InlineData("void M(ILeaseOutbox outbox) { outbox?.SaveAsync(1); }", true)]
    [InlineData("void M() { SaveAsync(1); } System.Threading.Tasks.Task SaveAsync(int id) => null!;", false)]
    [InlineData("void M(ILeaseOutbox outbox) { outbox.PublishAsync(1); }", false)]
    public void TheTreeGate_AgreesWithTheCallCheck(string members, bool mayCall)
    {
        var names = new UnseenContractNames(Array.Empty<SyntaxTree>(), CancellationToken.None);
        names.Add("SaveAsync", new[] { "ILeaseOutbox" });
        var tree = CSharpSyntaxTree.ParseText("class Sample { " + members + " }");
        var anyCall = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Any(names.MayCall);

        Assert.Equal(mayCall, anyCall);
        Assert.Equal(mayCall, names.TreeMayCall(tree));
        Assert.Equal(mayCall, names.AnyMayCall(tree.GetRoot()));
    }

    private static string Loop(string parameter, string receiver) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Anchor.Data;

        namespace Anchor.Outbox;

        public class Publisher(ILeaseOutbox outbox)
        {
            private readonly ILeaseOutbox outboxField = outbox;

            public async Task PublishAll(List<int> leaseIds, {{parameter}})
            {
                foreach (var id in leaseIds)
                {
                    await {{receiver}}.SaveAsync(id);
                }
            }

            private ILeaseOutbox Pick() => outboxField;
        }
        """;
}
