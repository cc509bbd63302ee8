using System.Threading.Channels;
using LocalEventSource.Batching;

namespace Local.Tests.EventSource;

public sealed class BatcherTests
{
    [Fact]
    public async Task NextBatchAsync_MoreItemsThanBatchSize_SplitsByBatchSize()
    {
        var channel = Channel.CreateUnbounded<int>();
        foreach (var i in Enumerable.Range(1, 25))
        {
            channel.Writer.TryWrite(i);
        }

        var time = new FakeTimeProvider();
        var batcher = new Batcher<int>(channel.Reader, new BatchingOptions(10, TimeSpan.FromSeconds(5), 1_000_000), _ => 1, time);

        Assert.Equal(Enumerable.Range(1, 10), await batcher.NextBatchAsync(Ct));
        Assert.Equal(Enumerable.Range(11, 10), await batcher.NextBatchAsync(Ct));
        // 5 left: the window holds the last batch open until it passes.
        var third = batcher.NextBatchAsync(Ct).AsTask();
        await WaitUntilWaitingAsync(third);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(21, 5), await third);
    }

    [Fact]
    public async Task NextBatchAsync_WindowExpires_ReturnsPartialBatch()
    {
        var channel = Channel.CreateUnbounded<int>();
        var time = new FakeTimeProvider();
        var batcher = new Batcher<int>(channel.Reader, new BatchingOptions(100, TimeSpan.FromMilliseconds(500), 1_000_000), _ => 1, time);
        channel.Writer.TryWrite(1);
        channel.Writer.TryWrite(2);

        var batch = batcher.NextBatchAsync(Ct).AsTask();
        await WaitUntilWaitingAsync(batch);
        Assert.False(batch.IsCompleted);
        channel.Writer.TryWrite(3);
        time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50, Ct);
        Assert.False(batch.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([1, 2, 3], await batch);
    }

    [Fact]
    public async Task NextBatchAsync_ZeroWindow_TakesOnlyWhatIsAlreadyThere()
    {
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1);
        channel.Writer.TryWrite(2);
        var batcher = new Batcher<int>(channel.Reader, new BatchingOptions(100, TimeSpan.Zero, 1_000_000), _ => 1, new FakeTimeProvider());

        Assert.Equal([1, 2], await batcher.NextBatchAsync(Ct));
    }

    [Fact]
    public async Task NextBatchAsync_PayloadLimit_CarriesOverflowingItemToNextBatch()
    {
        var channel = Channel.CreateUnbounded<int>();
        foreach (var size in new[] { 400, 400, 300, 900, 100 })
        {
            channel.Writer.TryWrite(size);
        }

        channel.Writer.Complete();
        var batcher = new Batcher<int>(channel.Reader, new BatchingOptions(100, TimeSpan.FromSeconds(1), 1024), s => s, new FakeTimeProvider());

        Assert.Equal([400, 400], await batcher.NextBatchAsync(Ct));
        Assert.Equal([300], await batcher.NextBatchAsync(Ct));
        Assert.Equal([900, 100], await batcher.NextBatchAsync(Ct));
        Assert.Empty(await batcher.NextBatchAsync(Ct));
    }

    [Fact]
    public async Task NextBatchAsync_SingleItemOverLimit_ComesBackAlone()
    {
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(5000);
        channel.Writer.TryWrite(10);
        channel.Writer.Complete();
        var batcher = new Batcher<int>(channel.Reader, new BatchingOptions(100, TimeSpan.FromSeconds(1), 1024), s => s, new FakeTimeProvider());

        Assert.Equal([5000], await batcher.NextBatchAsync(Ct));
        Assert.Equal([10], await batcher.NextBatchAsync(Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Constructor_BatchSizeOutOfRange_ThrowsNamingTheSetting(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Batcher<int>(Channel.CreateUnbounded<int>().Reader, new BatchingOptions(batchSize, TimeSpan.Zero, 1024), _ => 1, TimeProvider.System));
        Assert.Contains("BatchSize", e.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilWaitingAsync(Task batch)
    {
        // The batcher registers its timer on the fake clock asynchronously; give it a moment before advancing.
        await Task.Delay(100, Ct);
        Assert.False(batch.IsCompleted);
    }
}
