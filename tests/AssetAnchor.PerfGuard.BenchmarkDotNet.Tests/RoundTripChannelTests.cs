using AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

public sealed class RoundTripChannelTests
{
    // Process ids far above what Linux hands out (pid_max is at most 2^22), so no real process collides.
    private static int UnusedProcessId() => Random.Shared.Next(1 << 28, int.MaxValue);

    [Fact]
    public void A_request_is_consumed_once()
    {
        var processId = UnusedProcessId();
        RoundTripChannel.Request(processId);

        Assert.True(RoundTripChannel.TryConsumeRequest(processId));
        Assert.False(RoundTripChannel.TryConsumeRequest(processId));
    }

    [Fact]
    public void Totals_are_read_once_and_leave_nothing_behind()
    {
        var processId = UnusedProcessId();
        RoundTripChannel.Request(processId);
        RoundTripChannel.Write(processId, commands: 104, operations: 4);

        Assert.Equal((104L, 4L), RoundTripChannel.TryTake(processId));
        Assert.Null(RoundTripChannel.TryTake(processId));
        Assert.False(RoundTripChannel.TryConsumeRequest(processId));
        Assert.False(File.Exists(RoundTripChannel.PathFor(processId)));
    }

    [Fact]
    public void A_process_that_never_reported_yields_nothing_and_its_request_is_removed()
    {
        var processId = UnusedProcessId();
        RoundTripChannel.Request(processId);

        Assert.Null(RoundTripChannel.TryTake(processId));
        Assert.False(RoundTripChannel.TryConsumeRequest(processId));
    }

    [Fact]
    public void An_unreadable_file_yields_nothing()
    {
        var processId = UnusedProcessId();
        Directory.CreateDirectory(RoundTripChannel.Directory);
        File.WriteAllText(RoundTripChannel.PathFor(processId), "not numbers");

        Assert.Null(RoundTripChannel.TryTake(processId));
        Assert.False(File.Exists(RoundTripChannel.PathFor(processId)));
    }
}
