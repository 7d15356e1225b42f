using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Records this project's data-access summaries in its own assembly, as
/// <c>[assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "...")]</c> attributes, so the projects
/// that reference it (in the build and in the IDE) see through its repositories and services. An analyzer cannot
/// add to the compilation it analyzes; a generator in the same assembly can. Nothing is written when EF Core is not
/// referenced, and <c>perfguard.cross_project_summaries = false</c> in a .globalconfig switches it off.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DataAccessSummaryGenerator : IIncrementalGenerator
{
    internal const string OptionKey = "perfguard.cross_project_summaries";
    internal const string HintName = "PerfGuard.DataAccessSummary.g.cs";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var input = context.CompilationProvider.Combine(context.AnalyzerConfigOptionsProvider);
        context.RegisterSourceOutput(input, static (production, pair) =>
        {
            var text = Generate(pair.Left, pair.Right, production.CancellationToken);
            if (text is not null)
            {
                production.AddSource(HintName, SourceText.From(text, Encoding.UTF8));
            }
        });
    }

    /// <summary>The generated file, or null when there is nothing to record. Never throws but for cancellation.</summary>
    internal static string? Generate(Compilation compilation, AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellationToken)
    {
        if (string.Equals(RuleOptions.GetString(options.GlobalOptions, OptionKey), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            if (compilation is not CSharpCompilation)
            {
                return null;
            }

            var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options);
            if (EfSymbols.MayBeReferenced(compilation) &&
                (RecordsNothing(compilation, options.GlobalOptions) || SummaryPrefilter.RecordsNothing(compilation, cancellationToken)))
            {
                // The marker alone, as before for a project with nothing to record (the assembly was built with
                // PerfGuard: its methods are judged by their records, not by the fallback heuristic), but without a
                // symbol lookup. The constructor stores (v1s) are read from syntax: they need no symbol either.
                var markerOnly = AppendQuietMarker(StartFile(), compilation, options);
                if (!RecordsNothing(compilation, options.GlobalOptions))
                {
                    AppendConstructorStores(markerOnly, compilation, cancellationToken);
                }

                return markerOnly.ToString();
            }

            if (!EfSymbols.MayBeReferenced(compilation) || DataAccessModel.GetOrCreate(compilation) is not { } data)
            {
                // Without EF Core: the handlers' records and the Up call sites (an Application project over repository
                // interfaces), without the marker.
                return GenerateWithoutEfCore(compilation, options, analyzerOptions, cancellationToken);
            }

            var records = SummaryWriter.Collect(data, analyzerOptions, cancellationToken);
            // Both call-site writers look only at calls named like a contract method nobody here implements.
            var unseen = SummaryWriter.FindUnseenContractNames(data, cancellationToken);
            // Mixed chains: the methods of other public types that call such a contract (field 3 or 13).
            records.AddRange(SummaryWriter.CollectContractCallers(data, unseen, records, analyzerOptions, cancellationToken));
            var callSites = SummaryWriter.CollectCallSites(data, unseen, analyzerOptions, cancellationToken);
            callSites.AddRange(UpCallSites.Collect(data, unseen, analyzerOptions, cancellationToken));
            callSites.AddRange(UpRowLimits.Collect(data, unseen, cancellationToken));
            var builder = StartFile();
            AppendHandlerRecords(builder, compilation, data, analyzerOptions, cancellationToken);
            foreach (var record in records)
            {
                AppendRecord(builder, record.Encode());
            }

            AppendQuietMarker(builder, compilation, options);

            foreach (var callSite in callSites)
            {
                AppendRecord(builder, callSite.Encode());
            }

            foreach (var seeded in SummaryWriter.CollectSeededEntities(data, cancellationToken))
            {
                AppendRecord(builder, seeded.Encode());
            }

            // PG0002/PG0003: the model of the contexts declared here, for queries written against them in other projects.
            foreach (var contextModel in ContextModelRecord.Collect(data, cancellationToken))
            {
                AppendRecord(builder, contextModel.Encode());
            }

            AppendConstructorStores(builder, compilation, cancellationToken);

            return builder.ToString();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // A generator that throws fails the user's build (CS8785): no summary only makes dependents quieter.
            return null;
        }
    }

    /// <summary>A project switched off with perfguard.report_cross_project_call_sites = false reports no Up join: its dependents must not take it as having reported one.</summary>
    private static StringBuilder AppendQuietMarker(StringBuilder builder, Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        if (CompositionRoot.GetReportSetting(compilation, options) == false)
        {
            AppendRecord(builder, CompositionRoot.QuietMarker);
        }

        return builder;
    }

    /// <summary>
    /// The generated file's first lines: the auto-generated tag and what it holds
    /// (<c>// PerfGuard data-access summary of this assembly: read by the projects that reference it</c>).
    /// </summary>
    private static void AppendHeader(StringBuilder builder, string contents) =>
        builder.AppendLine("// <auto-generated/>")
            .Append("// PerfGuard ").Append(contents).AppendLine(": read by the projects that reference it (docs/cross-project.md).");

    /// <summary>One record: <c>[assembly: AssemblyMetadata("PerfGuard.DataAccess", "...")]</c>, the value written as a C# literal.</summary>
    private static void AppendRecord(StringBuilder builder, string value) =>
        builder.Append("[assembly: global::System.Reflection.AssemblyMetadata(\"").Append(MethodSummary.MetadataKey).Append("\", ")
            .Append(SymbolDisplay.FormatLiteral(value, quote: true)).AppendLine(")]");

    private static StringBuilder StartFile()
    {
        var builder = new StringBuilder();
        AppendHeader(builder, "data-access summary of this assembly");
        AppendRecord(builder, MethodSummary.AssemblyMarker);
        return builder;
    }

    /// <summary>
    /// Projects whose methods no other project calls for data access: executables (an application, a worker, a test
    /// host; the summary writer records nothing for them and the composition root reads only libraries' records) and
    /// test projects (an executable on .NET; a library on .NET Framework). Decided from the options and the reference
    /// file names, before any symbol lookup: the first lookup binds every reference, which csc then does not repeat,
    /// but <c>ReportAnalyzer</c> charges it to the generator that asked.
    /// </summary>
    private static bool RecordsNothing(Compilation compilation, AnalyzerConfigOptions globalOptions)
    {
        if (compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication)
        {
            return true;
        }

        var isTestProject = RuleOptions.GetString(globalOptions, CompositionRoot.IsTestProjectKey);
        if (isTestProject is not null && bool.TryParse(isTestProject, out var value))
        {
            return value;
        }

        foreach (var reference in compilation.ExternalReferences)
        {
            if (reference is PortableExecutableReference { FilePath: { Length: > 0 } path } && CompositionRoot.IsTestAssemblyName(Path.GetFileName(path)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The handler and dispatcher records (with the request page sizes, field 12), the paging helpers' method records and
    /// the Up call sites of a project without EF Core (docs/cross-project.md, Handlers and Up), or null when it has none.
    /// Such a project gets no "v1" marker: only its recorded methods are judged by their records, and its dependents keep
    /// the fallback heuristic for the others. Handlers are looked at only in a library declaring a type named *Handler
    /// (read from the declaration table, without binding); paging helpers and call sites only in a library that is not a
    /// test project and whose syntax may hold one (<see cref="SummaryPrefilter.FindPagingHelpersWithoutEfCore"/>,
    /// <see cref="SummaryPrefilter.MayRecordCallSitesWithoutEfCore"/>): a Domain project that declares no paging helper
    /// and calls no interface method in a loop or an endpoint binds nothing.
    /// </summary>
    private static string? GenerateWithoutEfCore(
        Compilation compilation, AnalyzerConfigOptionsProvider options, AnalyzerOptions analyzerOptions, System.Threading.CancellationToken cancellationToken)
    {
        if (compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary)
        {
            return null;
        }

        var builder = new StringBuilder();

        // One model without EF Core's types for every writer below, made on first need (a project none of them keeps
        // binds nothing): the handlers' bodies, bound for their records, are then the ones their page sizes and the
        // call-site writers read.
        DataAccessModel? data = null;
        var recordsOthers = !RecordsNothing(compilation, options.GlobalOptions);
        if (compilation.ContainsSymbolsWithName(static name => name.EndsWith("Handler", StringComparison.Ordinal), SymbolFilter.Type, cancellationToken))
        {
            AppendHeader(builder, "request handlers of this assembly");
            var length = builder.Length;
            AppendHandlerRecords(builder, compilation, data: null, analyzerOptions, cancellationToken, data = DataAccessModel.CreateWithoutEfCore(compilation));
            if (builder.Length == length)
            {
                builder.Clear();
            }
        }

        // PG0006: the paging helpers a dependent's handler or endpoint calls (Paged(source, page, pageSize) of a
        // CrossCuttingConcerns library), as method records without the marker: the project's other methods keep the
        // fallback heuristic in its dependents.
        var pagingHelpers = recordsOthers ? SummaryPrefilter.FindPagingHelpersWithoutEfCore(compilation, cancellationToken) : new List<MethodDeclarationSyntax>();
        if (pagingHelpers.Count > 0)
        {
            data ??= DataAccessModel.CreateWithoutEfCore(compilation);
            var records = SummaryWriter.CollectPagingHelpers(data, pagingHelpers, analyzerOptions, cancellationToken);
            if (records.Count > 0 && builder.Length == 0)
            {
                AppendHeader(builder, "paging helpers of this assembly (no EF Core, no marker)");
            }

            foreach (var record in records)
            {
                AppendRecord(builder, record.Encode());
            }
        }

        if (recordsOthers && SummaryPrefilter.MayRecordCallSitesWithoutEfCore(compilation, cancellationToken))
        {
            // The call-site writers of a project with EF Core, over a model whose EF Core types are absent.
            data ??= DataAccessModel.CreateWithoutEfCore(compilation);
            var unseen = SummaryWriter.FindUnseenContractNames(data, cancellationToken);
            var callSites = SummaryWriter.CollectCallSites(data, unseen, analyzerOptions, cancellationToken);
            callSites.AddRange(UpCallSites.Collect(data, unseen, analyzerOptions, cancellationToken));
            callSites.AddRange(UpRowLimits.Collect(data, unseen, cancellationToken));
            if (callSites.Count > 0 && builder.Length == 0)
            {
                AppendHeader(builder, "call sites of this assembly (no EF Core, no marker)");
            }

            foreach (var callSite in callSites)
            {
                AppendRecord(builder, callSite.Encode());
            }
        }

        if (recordsOthers)
        {
            var length = builder.Length;
            if (length == 0)
            {
                AppendHeader(builder, "constructor stores of this assembly (no EF Core, no marker)");
            }

            if (AppendConstructorStores(builder, compilation, cancellationToken) == 0 && length == 0)
            {
                builder.Clear();
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// PG0006: the v1s records (<see cref="ConstructorStoreRecord"/>), read from syntax alone, so a project without such a
    /// class binds nothing for them; the number written.
    /// </summary>
    private static int AppendConstructorStores(StringBuilder builder, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary)
        {
            return 0;
        }

        var stores = ConstructorStoreRecord.Collect(compilation, cancellationToken);
        foreach (var store in stores)
        {
            AppendRecord(builder, store.Encode());
        }

        return stores.Count;
    }

    private static void AppendHandlerRecords(
        StringBuilder builder, Compilation compilation, DataAccessModel? data, AnalyzerOptions options, System.Threading.CancellationToken cancellationToken,
        DataAccessModel? withoutEfCore = null)
    {
        if (compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary)
        {
            return;
        }

        var handlers = new System.Collections.Generic.List<HandlerRecord>();
        var dispatchers = new System.Collections.Generic.List<string>();
        HandlerWriter.Collect(compilation, data, options, handlers, dispatchers, cancellationToken, withoutEfCore);
        foreach (var handler in handlers)
        {
            AppendRecord(builder, handler.Encode());
        }

        foreach (var dispatcher in dispatchers)
        {
            AppendRecord(builder, DispatcherRecord.Encode(dispatcher));
        }
    }
}
