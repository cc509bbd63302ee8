using System.Diagnostics;
using Stomp;

namespace Forwarder.Bench;

/// <summary>
/// The counting consumer on the cloud broker: auto-acknowledges and records when the first and the last of the
/// expected messages arrived. Every mover is timed the same way, first arrival to last arrival.
/// </summary>
internal sealed class ArrivalCounter : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly StompSubscription _subscription;
    private readonly Task _pump;
    private readonly int _expected;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private ArrivalCounter(StompClient client, StompSubscription subscription, int expected)
    {
        _client = client;
        _subscription = subscription;
        _expected = expected;
        _pump = Task.Run(PumpAsync);
    }

    public long FirstTicks { get; private set; }

    public long LastTicks { get; private set; }

    public int Count => Volatile.Read(ref _count);

    public double Seconds => (LastTicks - FirstTicks) / (double)Stopwatch.Frequency;

    public static async Task<ArrivalCounter> StartAsync(StompClientOptions options, string queue, int expected, CancellationToken cancellationToken)
    {
        var client = await StompClient.ConnectAsync(options, null, cancellationToken);
        var subscription = await client.SubscribeAsync("/queue/" + queue, new StompSubscribeOptions { AckMode = StompAckMode.Auto, Prefetch = 1000 }, cancellationToken);
        return new ArrivalCounter(client, subscription, expected);
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"only {Count} of {_expected} messages arrived within {timeout.TotalSeconds} s");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
#pragma warning disable VSTHRD003 // the pump was started by this instance's constructor
        await _pump;
#pragma warning restore VSTHRD003
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var _ in _subscription.ReadAllAsync())
            {
                var now = Stopwatch.GetTimestamp();
                if (Interlocked.Increment(ref _count) == 1)
                {
                    FirstTicks = now;
                }

                LastTicks = now;
                if (_count == _expected)
                {
                    _done.TrySetResult();
                }
            }
        }
        catch (StompException ex)
        {
            _done.TrySetException(ex);
        }
    }
}
