using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The summary generator writes the marker alone, without any symbol lookup, when syntax and the references' metadata
/// tables show that nothing can be recorded (SummaryPrefilter). These are the traps: each project below looks like it
/// has no data access by its own names, yet the writer records something, so the prefilter must let it through.
/// </summary>
public sealed class SummaryPrefilterTests
{
    private static readonly Lazy<ReferencedProject> Data = new(() => ReferencedProject.Build("Anchor.Data", """
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Data;

        public class Lease { public int Id { get; set; } public int PropertyId { get; set; } }

        public class AnchorContext : DbContext
        {
            public DbSet<Lease> Leases { get; set; } = null!;
        }

        public interface ILeaseRepository
        {
            Task<int> CountAsync(int propertyId);
        }

        public class LeaseRepository(AnchorContext db) : ILeaseRepository
        {
            public Task<int> CountAsync(int propertyId) => db.Leases.CountAsync(l => l.PropertyId == propertyId);
        }

        public interface ILeaseNotifier
        {
            Task NotifyAsync(int leaseId);
        }

        public interface IHandler<TRequest, TResult>
        {
            Task<TResult> HandleAsync(TRequest request);
        }
        """));

    private static readonly Lazy<ReferencedProject> Modules = new(() => ReferencedProject.Build("Anchor.Modules", """
        namespace Anchor.Modules;

        public class ModuleContext : Anchor.Data.AnchorContext { }
        """, references: Data.Value));

    [Fact]
    public void NothingToRecord_OnlyTheMarker()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: true, "Anchor.Text", """
            using System.Collections.Generic;
            using System.Linq;

            namespace Anchor.Text;

            public class Formatter
            {
                public string Join(List<int> ids) => string.Join(",", ids.Select(static i => i.ToString()));
            }
            """, Data.Value);

        Assert.Equal(ReferencedProject.MarkerOnlySummary, project.Summary);
    }

    [Fact]
    public void ACallOnAReferencedContractOutsideAnyLoop_OnlyTheMarker()
    {
        // Call-site records are calls made once per loop iteration; a single call is judged where it is implemented.
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: true, "Anchor.Notify", """
            using System.Threading.Tasks;
            using Anchor.Data;

            namespace Anchor.Notify;

            public class Reminder(ILeaseNotifier notifier)
            {
                public Task Send(int leaseId) => notifier.NotifyAsync(leaseId);
            }
            """, Data.Value);

        Assert.Equal(ReferencedProject.MarkerOnlySummary, project.Summary);
    }

    [Fact]
    public void AHandlerThroughAnAbstractBaseOfAReferencedContract_IsAHandlerRecord()
    {
        // No data-access type, no loop: only the handler record (HandlerWriter) is written, with the deferred call.
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.Handlers", """
            using System.Threading.Tasks;
            using Anchor.Data;

            namespace Anchor.Handlers;

            public class Remind { public int LeaseId { get; set; } }

            public abstract class HandlerBase<TRequest> : IHandler<TRequest, int>
            {
                public abstract Task<int> HandleAsync(TRequest request);
            }

            public class RemindHandler(ILeaseNotifier notifier) : HandlerBase<Remind>
            {
                public override async Task<int> HandleAsync(Remind request)
                {
                    await notifier.NotifyAsync(request.LeaseId);
                    return 1;
                }
            }
            """, Data.Value);

        Assert.Contains("v1h\\t", project.Summary, StringComparison.Ordinal);
        Assert.Contains("RemindHandler.HandleAsync", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ADispatcherResolvingAService_IsNotSkipped()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.Dispatch", """
            using System;
            using Anchor.Data;

            namespace Anchor.Dispatch;

            public class Dispatcher
            {
                public object? Resolve(ILeaseNotifier notifier, IServiceProvider services) => services.GetService(typeof(ILeaseNotifier));
            }
            """, Data.Value);

        Assert.Contains("Anchor.Dispatch.Dispatcher.Resolve", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AServiceOfAReferencedProjectWithRecords_IsRecorded()
    {
        // No EF name anywhere: ILeaseRepository is data access only because Anchor.Data recorded CountAsync on it.
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.App", """
            using System.Threading.Tasks;
            using Anchor.Data;

            namespace Anchor.App;

            public class LeaseService(ILeaseRepository leases)
            {
                public Task<int> Count(int propertyId) => leases.CountAsync(propertyId);
            }
            """, Data.Value);

        Assert.Contains("M:Anchor.App.LeaseService.Count(System.Int32)", project.Summary, StringComparison.Ordinal);
        Assert.Contains("Count -> CountAsync", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AContextOfAReferencedProject_TwoAssembliesDown_IsRecorded()
    {
        // ModuleContext derives from AnchorContext (another assembly), which derives from DbContext.
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.Reports", """
            using System.Linq;
            using Anchor.Modules;

            namespace Anchor.Reports;

            public class LeaseReport(ModuleContext db)
            {
                public int Total() => db.Leases.Count();
            }
            """, Data.Value, Modules.Value);

        Assert.Contains("M:Anchor.Reports.LeaseReport.Total", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AContextNamedThroughAnAlias_IsRecorded()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.Aliased", """
            using System.Linq;
            using Store = Anchor.Data.AnchorContext;

            namespace Anchor.Aliased;

            public class LeaseReport
            {
                private readonly Store store;

                public LeaseReport(Store store) => this.store = store;

                public int Total() => store.Leases.Count();
            }
            """, Data.Value);

        Assert.Contains("M:Anchor.Aliased.LeaseReport.Total", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ALoopOverAReferencedContractNobodyImplements_IsACallSiteRecord()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Anchor.Notify", """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anchor.Data;

            namespace Anchor.Notify;

            public class Reminders(ILeaseNotifier notifier)
            {
                public async Task SendAll(List<int> leaseIds)
                {
                    foreach (var id in leaseIds)
                    {
                        await notifier.NotifyAsync(id);
                    }
                }
            }
            """, Data.Value);

        Assert.Contains("v1c\\tM:Anchor.Data.ILeaseNotifier.NotifyAsync(System.Int32)", project.Summary, StringComparison.Ordinal);
    }
}
