using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Model;

namespace AssetAnchor.PerfGuard.Engine.Baselines;

/// <summary>
/// How an update meets the committed baseline, so that its diff shows only the intended change: benchmarks the
/// gate would judge unchanged keep their old entry (fresh noise is not a change), a filter limits the update to
/// the benchmarks it names, and an update that changes nothing leaves the file (and its commit line) alone.
/// </summary>
public static class BaselineMerge
{
    /// <summary>The merged baseline, and the keys whose old entry was kept because nothing changed.</summary>
    public sealed record Result(Baseline Baseline, IReadOnlyList<string> KeptUnchanged);

    public static Result Merge(Baseline? previous, Baseline fresh, IReadOnlyList<ResultSet> runs, KeyFilter filter, BudgetFile budgets, CompareSettings settings)
    {
        if (previous is null)
        {
            return new Result(fresh, []);
        }

        // Another machine or job: every time in the old baseline is off, so everything it updates is replaced.
        var sameSetup = previous.Environment.DifferencesFrom(fresh.Environment).Count == 0
            && string.Equals(previous.Job, fresh.Job, StringComparison.Ordinal);
        var changed = sameSetup ? ChangedKeys(previous, runs, budgets, settings) : null;

        var entries = new SortedDictionary<string, BaselineEntry>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var entry in fresh.Benchmarks)
        {
            var old = previous.Find(entry.Key);
            if (old is not null && changed is not null && !changed.Contains(entry.Key) && SameCategories(old, entry))
            {
                entries[entry.Key] = WithObservedSpread(old, entry);
                kept.Add(entry.Key);
            }
            else
            {
                entries[entry.Key] = entry;
            }
        }

        // Outside the filter the old entries stay as they are; inside it, a benchmark with no result is removed.
        foreach (var old in previous.Benchmarks)
        {
            if (!entries.ContainsKey(old.Key) && !filter.IsEmpty && !filter.Matches(old.Key))
            {
                entries[old.Key] = old;
            }
        }

        var merged = new Baseline
        {
            Tool = fresh.Tool,
            Commit = fresh.Commit,
            Environment = sameSetup ? previous.Environment : fresh.Environment,
            Job = fresh.Job,
            Benchmarks = entries.Values.ToList(),
        };
        return new Result(merged, kept);
    }

    /// <summary>The results the filter selects (every result when it is empty).</summary>
    public static IReadOnlyList<ResultSet> Select(IReadOnlyList<ResultSet> runs, KeyFilter filter) =>
        filter.IsEmpty
            ? runs
            : runs.Select(r => new ResultSet(
                    r.Benchmarks.Where(b => filter.Matches(b.Key)).ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal),
                    r.Environment,
                    r.SourceFiles))
                .Where(r => r.Benchmarks.Count > 0)
                .ToList();

    /// <summary>
    /// Benchmarks whose results, in any run, differ from their old entry the way the gate sees it: time not
    /// "same" (slower, faster, or too few values to tell), or bytes/op or round trips/op beyond their tolerance.
    /// </summary>
    private static HashSet<string> ChangedKeys(Baseline previous, IReadOnlyList<ResultSet> runs, BudgetFile budgets, CompareSettings settings)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var report = Comparer.Compare(previous, run, budgets, settings);
            foreach (var row in report.Benchmarks.Where(r => r.Current is not null && r.Baseline is not null))
            {
                var same = row.Time?.Status == TimeStatus.Same
                    && row.Bytes is not { Regressed: true } and not { Improved: true }
                    && row.RoundTrips is not { Regressed: true } and not { Improved: true };
                if (!same)
                {
                    changed.Add(row.Key);
                }
            }
        }

        return changed;
    }

    /// <summary>
    /// A kept entry still learns the allocation spread of the fresh runs: its smallest bytes/op goes down to theirs
    /// (never below a change the gate would call an improvement, or it would not have been kept).
    /// </summary>
    private static BaselineEntry WithObservedSpread(BaselineEntry old, BaselineEntry fresh)
    {
        if (old.BytesPerOp is not { } max || fresh.BytesPerOp is null)
        {
            return old;
        }

        var min = new[] { old.BytesPerOpMin ?? max, fresh.BytesPerOpMin ?? fresh.BytesPerOp.Value, fresh.BytesPerOp.Value }.Min();
        return min < (old.BytesPerOpMin ?? max) ? old.WithBytesPerOpMin(min) : old;
    }

    private static bool SameCategories(BaselineEntry a, BaselineEntry b) => a.Categories.SequenceEqual(b.Categories, StringComparer.Ordinal);
}

/// <summary>
/// BenchmarkDotNet-style glob patterns over benchmark keys (<c>*</c> any text, <c>?</c> one character,
/// case-insensitive), e.g. <c>*PropertyListing*</c>. No pattern selects everything.
/// </summary>
public sealed class KeyFilter
{
    private readonly IReadOnlyList<Regex> _patterns;

    public KeyFilter(IEnumerable<string> patterns)
    {
        Patterns = patterns.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        _patterns = Patterns
            .Select(p => new Regex("^" + Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline))
            .ToList();
    }

    public static KeyFilter All { get; } = new([]);

    public IReadOnlyList<string> Patterns { get; }

    public bool IsEmpty => _patterns.Count == 0;

    public bool Matches(string key) => IsEmpty || _patterns.Any(p => p.IsMatch(key));
}
