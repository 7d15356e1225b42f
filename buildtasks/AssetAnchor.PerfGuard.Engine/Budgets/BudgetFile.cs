using AssetAnchor.PerfGuard.Contract;
using System.Text.Json;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Reading;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Engine.Budgets;

/// <summary>Maxima for one category or benchmark. Times in nanoseconds per operation; null = no limit.</summary>
public sealed record Budget(double? P50 = null, double? P95 = null, double? P99 = null, double? BytesPerOp = null, double? RoundTripsPerOp = null)
{
    /// <summary>Largest fraction of failed requests under load (endpoint load results only; PG1006).</summary>
    public double? ErrorRate { get; init; }

    public bool IsEmpty => P50 is null && P95 is null && P99 is null && BytesPerOp is null && RoundTripsPerOp is null && ErrorRate is null;
}

/// <summary>A budget with where it came from, so that PG1004 points at the line that set it.</summary>
public sealed record BudgetSource(string Name, Budget Budget, string File, int Line);

/// <summary>
/// <c>perfguard.json</c> (shared contract 4): threshold, category budgets, category assignments by glob,
/// per-benchmark budgets. Every key optional. Categories not listed keep the seed guide's defaults (contract 2).
/// </summary>
public sealed class BudgetFile
{
    private const string SeedTable = "the seed guide's budgets table";

    private readonly List<(Regex Pattern, string Category)> _assignments = [];
    private readonly List<(Regex Pattern, BudgetSource Source)> _benchmarks = [];

    private BudgetFile(string? path)
    {
        Path = path;
        foreach (var (name, budget) in SeedCategories)
        {
            Categories[name] = new BudgetSource(name, budget, SeedTable, 0);
        }
    }

    /// <summary>Shared contract 2: the seed guide's API response time budgets per endpoint type.</summary>
    public static IReadOnlyDictionary<string, Budget> SeedCategories { get; } = new Dictionary<string, Budget>(StringComparer.OrdinalIgnoreCase)
    {
        [PerfGuardContract.Categories.CriticalPath] = new(P50: 200e6, P95: 500e6, P99: 1e9),
        [PerfGuardContract.Categories.Read] = new(P50: 300e6, P95: 700e6, P99: 1.2e9),
        [PerfGuardContract.Categories.Write] = new(P50: 500e6, P95: 1e9, P99: 1.5e9),
        [PerfGuardContract.Categories.Reporting] = new(P50: 1e9, P95: 3e9, P99: 5e9),
    };

    /// <summary>No file: only the seed defaults for categorized benchmarks.</summary>
    public static BudgetFile Defaults { get; } = new(null);

    public string? Path { get; }

    /// <summary>
    /// The gate settings this file sets (threshold, runNoise, significance, ...), as text with their positions:
    /// <see cref="SettingsResolver"/> parses them, and its PG1201 points at the line that holds a bad one.
    /// </summary>
    public SettingLayer Settings { get; private set; } = SettingLayer.None;

    public Dictionary<string, BudgetSource> Categories { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Categories from the benchmark itself (sidecar) plus those assigned here by glob.</summary>
    public IReadOnlyList<string> CategoriesOf(string key, IReadOnlyList<string> ownCategories)
    {
        var all = new List<string>(ownCategories);
        foreach (var (pattern, category) in _assignments)
        {
            if (pattern.IsMatch(key) && !all.Contains(category, StringComparer.OrdinalIgnoreCase))
            {
                all.Add(category);
            }
        }

        return all;
    }

    /// <summary>Every budget that applies to a benchmark: its categories' and the matching benchmark entries.</summary>
    public IReadOnlyList<BudgetSource> BudgetsFor(string key, IReadOnlyList<string> categories)
    {
        var budgets = new List<BudgetSource>();
        foreach (var category in categories)
        {
            if (Categories.TryGetValue(category, out var source))
            {
                budgets.Add(source);
            }
        }

        foreach (var (pattern, source) in _benchmarks)
        {
            if (pattern.IsMatch(key))
            {
                budgets.Add(source);
            }
        }

        return budgets;
    }

    public static BudgetFile Load(string path)
    {
        using var input = JsonInput.Open(path);
        var file = new BudgetFile(System.IO.Path.GetFullPath(path));
        var root = input.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw input.Error([], "expected an object (see docs/budgets.md)");
        }

        foreach (var property in root.EnumerateObject())
        {
            object[] at = [property.Name];
            switch (property.Name)
            {
                case "$schema":
                    break;
                case var key when SettingNames.FromJson(key) is { } setting:
                    file.Settings = file.Settings.With(setting, SettingText(input, property.Value, at, setting));
                    break;
                case "categories":
                    foreach (var category in RequireObject(input, property.Value, at).EnumerateObject())
                    {
                        object[] categoryAt = [.. at, category.Name];
                        file.Categories[category.Name] = new BudgetSource(
                            category.Name, ReadBudget(input, category.Value, categoryAt), file.Path!, Line(input, categoryAt));
                    }

                    break;
                case "categoryAssignments":
                    foreach (var assignment in RequireObject(input, property.Value, at).EnumerateObject())
                    {
                        var category = RequireString(input, assignment.Value, [.. at, assignment.Name]);
                        file._assignments.Add((Glob(assignment.Name), category));
                    }

                    break;
                case "benchmarks":
                    foreach (var benchmark in RequireObject(input, property.Value, at).EnumerateObject())
                    {
                        object[] benchmarkAt = [.. at, benchmark.Name];
                        file._benchmarks.Add((Glob(benchmark.Name), new BudgetSource(
                            benchmark.Name, ReadBudget(input, benchmark.Value, benchmarkAt), file.Path!, Line(input, benchmarkAt))));
                    }

                    break;
                default:
                    throw input.Error(at, $"unknown property '{property.Name}' (expected {string.Join(", ", SettingNames.JsonKeys)}, categories, categoryAssignments, benchmarks)");
            }
        }

        // A bad value fails here, at its line, even when a host setting would override it.
        SettingsResolver.Resolve(new CompareSettings(), file.Settings);
        return file;
    }

    /// <summary>A setting's JSON value as text: a string for most, a number for significance, true/false for requireAllBenchmarks.</summary>
    private static SettingText SettingText(JsonInput input, JsonElement value, object[] at, Setting setting)
    {
        var expected = setting switch
        {
            Setting.Significance => JsonValueKind.Number,
            Setting.RequireAllBenchmarks => JsonValueKind.True,
            _ => JsonValueKind.String,
        };
        var matches = expected == JsonValueKind.True ? value.ValueKind is JsonValueKind.True or JsonValueKind.False : value.ValueKind == expected;
        if (!matches)
        {
            throw input.Error(at, setting switch
            {
                Setting.Significance => $"expected a number such as 0.01, found {JsonInput.Describe(value.ValueKind)}",
                Setting.RequireAllBenchmarks => $"expected true or false, found {JsonInput.Describe(value.ValueKind)}",
                _ => $"expected a string, found {JsonInput.Describe(value.ValueKind)}",
            });
        }

        var (line, column) = input.PositionOf(at);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return new SettingText(SettingNames.Of(setting, SettingSource.File), text, input.Path, line, column);
    }

    private static Budget ReadBudget(JsonInput input, JsonElement element, object[] at)
    {
        var budget = new Budget();
        foreach (var limit in RequireObject(input, element, at).EnumerateObject())
        {
            object[] limitAt = [.. at, limit.Name];
            budget = limit.Name switch
            {
                "p50" => budget with { P50 = RequireTime(input, limit.Value, limitAt) },
                "p95" => budget with { P95 = RequireTime(input, limit.Value, limitAt) },
                "p99" => budget with { P99 = RequireTime(input, limit.Value, limitAt) },
                "bytesPerOp" => budget with { BytesPerOp = RequireNonNegative(input, limit.Value, limitAt) },
                "roundTripsPerOp" => budget with { RoundTripsPerOp = RequireNonNegative(input, limit.Value, limitAt) },
                "errorRate" => budget with { ErrorRate = RequireRate(input, limit.Value, limitAt) },
                _ => throw input.Error(limitAt, $"unknown limit '{limit.Name}' (expected p50, p95, p99, bytesPerOp, roundTripsPerOp, errorRate)"),
            };
        }

        return budget;
    }

    private static double RequireTime(JsonInput input, JsonElement value, object[] at)
    {
        if (value.ValueKind == JsonValueKind.String && Units.TryParseNanoseconds(value.GetString()!, out var nanoseconds))
        {
            return nanoseconds;
        }

        throw input.Error(at, "expected a time with unit, e.g. \"200ms\", \"1.2s\", \"850us\", \"40ns\"");
    }

    /// <summary>An error rate: "1%" or a fraction between 0 and 1.</summary>
    private static double RequireRate(JsonInput input, JsonElement value, object[] at)
    {
        if (value.ValueKind == JsonValueKind.String && Comparison.RunNoise.TryParsePercentage(value.GetString(), out var fraction) && fraction <= 1)
        {
            return fraction;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number is >= 0 and <= 1)
        {
            return number;
        }

        throw input.Error(at, "expected an error rate such as \"1%\" or 0.01 (between 0 and 1)");
    }

    private static double RequireNonNegative(JsonInput input, JsonElement value, object[] at)
    {
        var number = input.RequireFiniteNumber(value, at);
        return number >= 0 ? number : throw input.Error(at, "expected a number of zero or more");
    }

    private static string RequireString(JsonInput input, JsonElement value, object[] at) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw input.Error(at, $"expected a string, found {JsonInput.Describe(value.ValueKind)}");

    private static JsonElement RequireObject(JsonInput input, JsonElement value, object[] at) =>
        value.ValueKind == JsonValueKind.Object ? value : throw input.Error(at, $"expected an object, found {JsonInput.Describe(value.ValueKind)}");

    private static int Line(JsonInput input, object[] at) => (int)input.PositionOf(at).Line;

    /// <summary>A FullName or a glob over FullNames ('*' any text, '?' one character), matched exactly otherwise.</summary>
    internal static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
