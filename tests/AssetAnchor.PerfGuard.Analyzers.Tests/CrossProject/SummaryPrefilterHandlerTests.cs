using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The prefilter's handler and dispatcher checks (SummaryPrefilter.MayHandle, MayDispatch): a project whose classes only
/// look like handlers (no handle method body of their own or of a base of this project, or a generic client whose
/// request is its own type parameter) or whose GetService calls cannot make a dispatcher writes the marker alone,
/// decided without a symbol; a handler whose only fact is a contract call, and a dispatcher, are still recorded.
/// </summary>
public sealed class SummaryPrefilterHandlerTests
{
    private static readonly Lazy<ReferencedProject> Contracts = new(() => ReferencedProject.Build("Harbor.Contracts", """
        using System;
        using System.Threading.Tasks;

        namespace Harbor.Contracts;

        public interface IRequestHandler<TRequest, TResult>
        {
            Task<TResult> HandleAsync(TRequest request);
        }

        public interface IBerthNotifier
        {
            Task NotifyAsync(int berthId);
        }

        public interface ICheck<T>
        {
            bool Check(T value);
        }

        // A referenced base that implements the contract itself (a validator library's shape): its derived classes have no handle body here.
        public abstract class CheckBase<T> : ICheck<T>
        {
            public bool Check(T value) => value is not null;
        }
        """));

    [Fact]
    public void HandlerShapedClassesWithoutAHandleBody_OnlyTheMarker()
    {
        // Check is implemented in the referenced CheckBase, the generic client's request is its own type parameter, and
        // the GetService call sits in a method whose first parameter is a class: nothing for the writer, no symbol asked.
        var project = BuildChecked(expectNothing: true, "Harbor.Common", """
            using System;
            using System.Threading.Tasks;
            using Harbor.Contracts;
            using Microsoft.Extensions.DependencyInjection;

            namespace Harbor.Common;

            public class Berth { public int Id { get; set; } }

            public class BerthCheck : CheckBase<Berth>
            {
                public BerthCheck() { }

                public bool IsFree(Berth berth) => berth.Id > 0;
            }

            public class Client<TRequest>(IBerthNotifier notifier) : IRequestHandler<TRequest, int>
            {
                public async Task<int> HandleAsync(TRequest request)
                {
                    await notifier.NotifyAsync(1);
                    return 1;
                }
            }

            public class Filter
            {
                public object Resolve(Berth berth, IServiceProvider services) => services.GetRequiredService<IBerthNotifier>();
            }
            """, Contracts.Value);

        Assert.Equal(ReferencedProject.MarkerOnlySummary, project.Summary);
        Assert.Empty(project.Handlers);
        Assert.Empty(project.Dispatchers);
    }

    [Fact]
    public void AHandleBodyInAGenericBaseOfThisProject_IsAHandlerRecord_BesideADispatcher()
    {
        // RemindHandler declares nothing: its handle method is the generic base's, whose only fact is a call of a
        // referenced contract nobody here implements (the pca shape). The dispatcher's first parameter is a referenced interface.
        var project = BuildChecked(expectNothing: false, "Harbor.Handlers", """
            using System;
            using System.Threading.Tasks;
            using Harbor.Contracts;
            using Microsoft.Extensions.DependencyInjection;

            namespace Harbor.Handlers;

            public class Remind { public int BerthId { get; set; } }

            public class NotifyingHandler<TRequest>(IBerthNotifier notifier) : IRequestHandler<TRequest, int>
            {
                public async Task<int> HandleAsync(TRequest request)
                {
                    await notifier.NotifyAsync(1);
                    return 1;
                }
            }

            public class RemindHandler(IBerthNotifier notifier) : NotifyingHandler<Remind>(notifier) { }

            public class Dispatcher
            {
                public Task<int> SendAsync(IBerthNotifier notifier, IServiceProvider services) =>
                    services.GetRequiredService<IRequestHandler<Remind, int>>().HandleAsync(new Remind());
            }
            """, Contracts.Value);

        Assert.Contains("v1h\\tT:Harbor.Handlers.Remind\\t", project.Summary, StringComparison.Ordinal);
        Assert.Contains("M:Harbor.Contracts.IBerthNotifier.NotifyAsync(System.Int32)", project.Summary, StringComparison.Ordinal);
        Assert.Contains("v1d\\tM:Harbor.Handlers.Dispatcher.SendAsync", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandleBodyInAGenericBaseOfThisProject_WithoutADispatcher_IsAHandlerRecord()
    {
        // The same handler alone: no GetService call lets the project through, only the base's handle body.
        var project = BuildChecked(expectNothing: false, "Harbor.Handlers.Alone", """
            using System.Threading.Tasks;
            using Harbor.Contracts;

            namespace Harbor.Handlers.Alone;

            public class Remind { public int BerthId { get; set; } }

            public abstract class Middle<TRequest>(IBerthNotifier notifier) : NotifyingHandler<TRequest>(notifier) { }

            public class NotifyingHandler<TRequest>(IBerthNotifier notifier) : IRequestHandler<TRequest, int>
            {
                public async Task<int> HandleAsync(TRequest request)
                {
                    await notifier.NotifyAsync(1);
                    return 1;
                }
            }

            public class RemindHandler(IBerthNotifier notifier) : Middle<Remind>(notifier) { }
            """, Contracts.Value);

        Assert.Contains("v1h\\tT:Harbor.Handlers.Alone.Remind\\t", project.Summary, StringComparison.Ordinal);
        Assert.Single(project.Handlers);
        Assert.Empty(project.Dispatchers);
    }

    [Fact]
    public void ADispatcherBesideClassesWithoutAHandleBody_IsADispatcherRecord()
    {
        var project = BuildChecked(expectNothing: false, "Harbor.Dispatch", """
            using System;
            using Harbor.Contracts;
            using Microsoft.Extensions.DependencyInjection;

            namespace Harbor.Dispatch;

            public class Berth { public int Id { get; set; } }

            public class BerthCheck : CheckBase<Berth> { }

            public partial class Locator
            {
                public object Resolve(global::Harbor.Contracts.IBerthNotifier? notifier, IServiceProvider services) =>
                    services.GetService(typeof(IBerthNotifier))!;
            }
            """, Contracts.Value);

        Assert.Contains("v1d\\tM:Harbor.Dispatch.Locator.Resolve", project.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("v1h\\t", project.Summary, StringComparison.Ordinal);
    }

    /// <summary>The prefilter's own verdict on the project (syntax and metadata tables only), then the project as the generator builds it.</summary>
    private static Built BuildChecked(bool expectNothing, string assemblyName, string source, params ReferencedProject[] references)
    {
        var compilation = ReferencedProject.CompileForPrefilter(assemblyName, source, references);
        Assert.Equal(expectNothing, SummaryPrefilter.RecordsNothing(compilation, CancellationToken.None));
        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));

        // What the writer finds with symbols, asked directly (the prefilter's verdict must not hide any of it).
        var handlers = new List<HandlerRecord>();
        var dispatchers = new List<string>();
        HandlerWriter.Collect(
            compilation, DataAccessModel.GetOrCreate(compilation), new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty),
            handlers, dispatchers, CancellationToken.None);
        return new Built(ReferencedProject.Build(assemblyName, source, references: references).Summary, handlers, dispatchers);
    }

    private sealed record Built(string? Summary, List<HandlerRecord> Handlers, List<string> Dispatchers);
}
