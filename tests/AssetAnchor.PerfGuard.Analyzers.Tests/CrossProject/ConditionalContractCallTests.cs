using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// A contract called through a conditional access (<c>leases?.CountForPropertyAsync(id)</c>, a member binding) is a call
/// on a receiver like <c>leases.CountForPropertyAsync(id)</c>: the syntax gates (<see cref="UnseenContractNames"/>, and the
/// summary prefilter that asks it) let it through to the call-site writers, and read its receiver's declared type.
/// </summary>
public sealed class ConditionalContractCallTests
{
    // Implements ILeaseRepository (CountForPropertyAsync with a query, Describe without one).
    private const string Infrastructure = UpDirectionTests.Infrastructure;

    [Fact]
    public Task Infrastructure_ReportsAConditionalContractCallInApplicationsLoop()
    {
        var application = MarkedProject.Build("Anchor.Application", Application("ILeaseRepository? leases", "leases?{|PG0001:.CountForPropertyAsync(id)|}"));
        Assert.Contains("v1c\\tM:Anchor.Application.ILeaseRepository.CountForPropertyAsync(System.Int32)", application.Summary, StringComparison.Ordinal);

        var test = UpFixture.References(new RoundTripVerifier.Test { TestCode = Infrastructure }, application.Project);
        test.ExpectedDiagnostics.Add(application.At(DatabaseRoundTripInLoopAnalyzer.CrossProjectRule, "PG0001")
            .WithArguments(".CountForPropertyAsync(id)", "foreach loop", "CountForPropertyAsync -> CountAsync", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AConditionalCallOnAnotherTypeSharingTheName_IsNotBoundAndNotReported()
    {
        // LocalCounter is no contract: the receiver's declared type keeps the call out, as it does for counter.Count..(id).
        var application = ReferencedProject.BuildCheckingPrefilter(
            expectNothing: true, "Anchor.Application", Application("LocalCounter? counter", "counter?.CountForPropertyAsync(id)"));
        Assert.Equal(ReferencedProject.MarkerOnlySummary, application.Summary);

        return UpFixture.References(new RoundTripVerifier.Test { TestCode = Infrastructure }, application).RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("void M(ILeaseOutbox? outbox) { outbox?.SaveAsync(1); }", true)]
    [InlineData("void M(ILeaseClock? clock) { clock?.SaveAsync(1); }", false)]
    [InlineData("void M(ILeaseOutbox? outbox) { outbox?.PublishAsync(1); }", false)]
    [InlineData("void M(ILeaseClock? clock) { clock?.Next()?.SaveAsync(1); }", true)]
    [InlineData("void M(ILeaseClock? clock) { clock?.Outbox.SaveAsync(1); }", true)]
    [InlineData("void M(ILeaseClock? clock, ILeaseOutbox outbox) { clock?.Wrap(outbox?.SaveAsync(1)); }", true)]
    [InlineData("void M(ILeaseClock clock, ILeaseOutbox? outbox) { outbox?.Wrap(clock?.SaveAsync(1)); }", false)]
    public void AConditionalCall_IsReadByTheReceiverItBindsOn(string members, bool mayCall)
    {
        var names = new UnseenContractNames(Array.Empty<SyntaxTree>(), CancellationToken.None);
        names.Add("SaveAsync", new[] { "ILeaseOutbox" });
        var tree = CSharpSyntaxTree.ParseText("class Sample { " + members + " }");
        var anyCall = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Any(names.MayCall);

        Assert.Equal(mayCall, anyCall);
        Assert.Equal(mayCall, names.AnyMayCall(tree.GetRoot()));
    }

    private static string Application(string field, string call) => UpFixture.Usings + $$"""
        namespace Anchor.Application;

        public interface ILeaseRepository
        {
            Task<int> CountForPropertyAsync(int propertyId);
            string Describe(int propertyId);
        }

        public class LocalCounter
        {
            public Task<int> CountForPropertyAsync(int propertyId) => Task.FromResult(propertyId);
        }

        public class OccupancyService({{field}})
        {
            public async Task<int> LetCount(IReadOnlyList<int> propertyIds)
            {
                var let = 0;
                foreach (var id in propertyIds)
                {
                    if (await ({{call}} ?? Task.FromResult(0)) > 0) let++;
                }
                return let;
            }
        }
        """;
}
