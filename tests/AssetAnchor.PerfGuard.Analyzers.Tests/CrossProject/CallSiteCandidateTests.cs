namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The summary writer binds a loop or lambda for call-site records only when it can hold one: a lambda only when a
/// per-element method (LINQ, ForEach) runs it, and a loop only when one of its calls binds to an interface method
/// nothing here implements. These tests pin that the cheap checks drop no record the bound analysis would write, and
/// that lambdas no loop runs (a handler, a callback) still record nothing.
/// </summary>
public sealed class CallSiteCandidateTests
{
    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Anchor.Application;

        public interface ILeaseRepository
        {
            Task<int> CountForPropertyAsync(int propertyId);
            int CountNow(int propertyId);
        }

        public static class Endpoints
        {
            public static void Map(string route, Func<int, Task<int>> handler) { }
            public static Task Execute(Func<Task> work) => work();
        }

        """;

    [Theory]
    [InlineData("Task.WhenAll(ids.Select(id => leases.CountForPropertyAsync(id)))", "leases.CountForPropertyAsync(id)", "Select lambda")]
    [InlineData("Task.WhenAll(ids.Select((id) => leases.CountForPropertyAsync(id)))", "leases.CountForPropertyAsync(id)", "Select lambda")]
    [InlineData("Task.WhenAll(ids.Select(new Func<int, Task<int>>(id => leases.CountForPropertyAsync(id))))", "leases.CountForPropertyAsync(id)", "Select lambda")]
    [InlineData("Task.FromResult(ids.Sum(id => leases.CountNow(id)))", "leases.CountNow(id)", "Sum lambda")]
    [InlineData("Task.FromResult((from id in ids select leases.CountNow(id)).ToList())", "leases.CountNow(id)", "Select lambda")]
    [InlineData("Endpoints.Execute(async () => { foreach (var id in ids) await leases.CountForPropertyAsync(id); })", "leases.CountForPropertyAsync(id)", "foreach loop")]
    public void ALoopOrPerElementLambda_RecordsItsCallOnAnUnseenContract(string body, string call, string loop)
    {
        var application = ReferencedProject.Build("Anchor.Application", Service(body));

        Assert.NotNull(application.Summary);
        var callSites = application.Summary!.Split('\n').Where(static line => line.Contains("\"v1c", StringComparison.Ordinal)).ToList();
        var record = Assert.Single(callSites);
        Assert.Contains(call, record, StringComparison.Ordinal);
        Assert.Contains(loop, record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""Task.Run(() => Endpoints.Map("/leases/{id}", id => leases.CountForPropertyAsync(id)))""")]
    [InlineData("Endpoints.Execute(async () => await leases.CountForPropertyAsync(ids[0]))")]
    [InlineData("Task.FromResult(Lookup(id => leases.CountNow(id)))")]
    public void ALambdaNoLoopRuns_RecordsNothing(string body)
    {
        var application = ReferencedProject.Build("Anchor.Application", Service(body));

        Assert.NotNull(application.Summary);
        Assert.DoesNotContain("\"v1c", application.Summary!, StringComparison.Ordinal);
    }

    private static string Service(string body) => Contracts + $$"""
        public class OccupancyService(ILeaseRepository leases)
        {
            public Task Run(List<int> ids) => {{body}};

            private static int Lookup(Func<int, int> count) => count(1);
        }
        """;
}
