namespace Forwarder.Tests.Bridge;

public sealed class StopDrainTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Token_NotBegun_NeverCancelled()
    {
        using var drain = new StopDrain(TimeSpan.FromSeconds(30), _clock);

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(drain.Token.IsCancellationRequested);
    }

    [Fact]
    public void Begin_CancelsTokenWhenTheClockPassesTheTimeout()
    {
        using var drain = new StopDrain(TimeSpan.FromSeconds(30), _clock);
        drain.Begin();

        _clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(drain.IsOver);

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(drain.IsOver);
        Assert.True(drain.Token.IsCancellationRequested);
    }

    [Fact]
    public void Begin_ZeroTimeout_OverAtOnce()
    {
        using var drain = new StopDrain(TimeSpan.Zero, _clock);

        drain.Begin();

        Assert.True(drain.IsOver);
    }
}
