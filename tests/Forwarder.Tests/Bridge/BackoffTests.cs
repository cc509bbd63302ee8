namespace Forwarder.Tests.Bridge;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 2000)]
    [InlineData(4, 16000)]
    [InlineData(5, 30000)]
    [InlineData(50, 30000)]
    public void Delay_NoJitter_DoublesUpToMax(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0).Delay(attempt));

    [Theory]
    [InlineData(0.0, 800)]
    [InlineData(1.0, 1200)]
    public void Delay_Jitter_SpreadsWithinBounds(double random, int expectedMs) =>
        Assert.Equal(expectedMs, new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, () => random).Delay(0).TotalMilliseconds, 3);
}
