using System.Reflection;
using System.Text.Json;
using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;
using AssetAnchor.Sample.Benchmarks;
using BenchmarkDotNet.Attributes;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

/// <summary>
/// The sample suite's perfguard.json against the suite itself: every budgeted name is a real benchmark, every fixed
/// benchmark stays inside its round-trip budget, and the naive N+1 listing would break the listing's budget.
/// </summary>
public sealed class SampleBudgetTests
{
    private static readonly JsonElement Budgets = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sample-perfguard.json"))).RootElement;

    public static TheoryData<string> BudgetedBenchmarks()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Budgets.GetProperty("benchmarks").EnumerateObject())
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BudgetedBenchmarks))]
    public async Task A_fixed_benchmark_meets_its_round_trip_budget(string fullName)
    {
        var budget = Budgets.GetProperty("benchmarks").GetProperty(fullName).GetProperty("roundTripsPerOp").GetInt32();

        var measured = await CountOneOperationAsync(fullName);

        Assert.InRange(measured, 1, budget);
    }

    [Fact]
    public async Task The_naive_listing_breaks_the_listing_budget_and_the_fixed_one_does_not()
    {
        var listing = typeof(PropertyListingBenchmarks).FullName!;
        var budget = Budgets.GetProperty("benchmarks").GetProperty(listing + ".Paged").GetProperty("roundTripsPerOp").GetInt32();

        Assert.True(await CountOneOperationAsync(listing + ".NPlusOne") > budget);
        Assert.True(await CountOneOperationAsync(listing + ".Paged") <= budget);
    }

    [Fact]
    public void Category_assignments_agree_with_the_benchmark_categories()
    {
        foreach (var assignment in Budgets.GetProperty("categoryAssignments").EnumerateObject())
        {
            var typeName = assignment.Name.Trim('*', '.');
            var type = typeof(PropertyListingBenchmarks).Assembly.GetTypes().Single(t => t.Name == typeName);
            var categories = type.GetCustomAttribute<BenchmarkCategoryAttribute>()!.Categories;
            Assert.Equal(new[] { assignment.Value.GetString()! }, categories);
        }
    }

    // One benchmark operation run directly (setup first, then a warm call, then the counted call).
    private static async Task<long> CountOneOperationAsync(string fullName)
    {
        var split = fullName.LastIndexOf('.');
        var type = typeof(PropertyListingBenchmarks).Assembly.GetType(fullName[..split], throwOnError: true)!;
        var method = type.GetMethod(fullName[(split + 1)..])!;
        Assert.NotNull(method.GetCustomAttribute<BenchmarkAttribute>());

        var instance = Activator.CreateInstance(type)!;
        var setup = type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null);
        await (Task)setup.Invoke(instance, null)!;
        await (Task)method.Invoke(instance, null)!;

        using var scope = DbRoundTripCounter.BeginScope();
        await (Task)method.Invoke(instance, null)!;
        return scope.Count;
    }
}
