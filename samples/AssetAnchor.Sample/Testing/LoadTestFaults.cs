namespace AssetAnchor.Sample.Testing;

/// <summary>
/// The "LoadTestFaults" configuration section: a test-only switch that makes one endpoint slow or failing, so that
/// the endpoint load gate can be shown to fail (docs/endpoint-load.md). Off unless a path is configured, e.g.
/// <c>LoadTestFaults__SlowPath=/api/properties LoadTestFaults__DelayMilliseconds=400</c>.
/// </summary>
public sealed class LoadTestFaultOptions
{
    public const string SectionName = "LoadTestFaults";

    /// <summary>Requests whose path starts with this (case-insensitive) wait <see cref="DelayMilliseconds"/> first.</summary>
    public string? SlowPath { get; set; }

    public int DelayMilliseconds { get; set; } = 400;

    /// <summary>Requests whose path starts with this answer 500 instead of running the endpoint.</summary>
    public string? FailPath { get; set; }

    /// <summary>Every n-th matching request fails (1 = all of them).</summary>
    public int FailEvery { get; set; } = 1;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SlowPath) || !string.IsNullOrWhiteSpace(FailPath);
}

public static class LoadTestFaults
{
    /// <summary>Adds the fault middleware only when the section asks for a fault; nothing is added by default.</summary>
    public static WebApplication UseLoadTestFaults(this WebApplication app)
    {
        var options = new LoadTestFaultOptions();
        app.Configuration.GetSection(LoadTestFaultOptions.SectionName).Bind(options);
        if (!options.IsEnabled)
        {
            return app;
        }

        if (options.DelayMilliseconds < 0 || options.FailEvery < 1)
        {
            throw new InvalidOperationException("LoadTestFaults: DelayMilliseconds must be >= 0 and FailEvery >= 1.");
        }

        LoadTestFaultLog.Enabled(app.Logger, options.SlowPath ?? "-", options.DelayMilliseconds, options.FailPath ?? "-", options.FailEvery);
        long failCandidates = 0;
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (Matches(path, options.SlowPath))
            {
                await Task.Delay(options.DelayMilliseconds, context.RequestAborted);
            }

            if (Matches(path, options.FailPath) && Interlocked.Increment(ref failCandidates) % options.FailEvery == 0)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool Matches(PathString path, string? prefix) =>
        !string.IsNullOrWhiteSpace(prefix) && path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase);
}

internal static partial class LoadTestFaultLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "LoadTestFaults is on (a test-only switch): slow path {SlowPath} (+{DelayMs} ms), failing path {FailPath} (every {FailEvery} request)")]
    public static partial void Enabled(ILogger logger, string slowPath, int delayMs, string failPath, int failEvery);
}
