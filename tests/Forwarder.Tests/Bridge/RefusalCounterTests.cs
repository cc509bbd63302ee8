namespace Forwarder.Tests.Bridge;

public sealed class RefusalCounterTests
{

    [Fact]
    public void Refused_CountsPerMessageUntilForgotten()
    {
        var refusals = Counter(maxAttempts: 3);

        Assert.Equal(1, refusals.Refused("a"));
        Assert.Equal(2, refusals.Refused("a"));
        Assert.Equal(1, refusals.Refused("b"));
        refusals.Forget("a");
        Assert.Equal(1, refusals.Refused("a"));
    }

    [Fact]
    public void DroppedAlone_EveryThirdDropInARowCountsUntilForgotten()
    {
        var refusals = Counter(maxAttempts: 3);

        Assert.Equal([false, false, true, false, false, true], Enumerable.Range(0, 6).Select(_ => refusals.DroppedAlone("a")));
        Assert.False(refusals.DroppedAlone("a"));
        refusals.Forget("a");
        Assert.False(refusals.DroppedAlone("a"));
        Assert.False(refusals.DroppedAlone("a"));
        Assert.True(refusals.DroppedAlone("a"));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void IsExhausted_AtMaxAttempts(int attempt, bool expected) =>
        Assert.Equal(expected, Counter(maxAttempts: 3).IsExhausted(attempt));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    public void RetryDelay_IsTheBackoffOfTheAttempt(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Counter(maxAttempts: 5).RetryDelay(attempt));

    private static RefusalCounter Counter(int maxAttempts) =>
        new(maxAttempts, new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0));
}
