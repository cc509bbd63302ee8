using System.Diagnostics;
using System.Globalization;
using Stomp;

namespace Forwarder.Bench;

/// <summary>
/// The counting consumer on the cloud broker: auto-acknowledges and records when the first and the last of the
/// expected messages arrived, and when the warm-up ended. Every mover is timed the same way. At the end of the
/// warm-up and at the last message it calls <see cref="ArrivalProbe"/>'s actions from its own loop, so CPU samples
/// taken there are taken the moment those messages arrived.
/// </summary>
internal sealed class ArrivalCounter : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly StompSubscription _subscription;
    private readonly Task _pump;
    private readonly int _expected;
    private readonly ArrivalProbe _probe;
    private readonly List<long> _latenciesMs = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private ArrivalCounter(StompClient client, StompSubscription subscription, int expected, ArrivalProbe probe)
    {
        _client = client;
        _subscription = subscription;
        _expected = expected;
        _probe = probe;
        _pump = Task.Run(PumpAsync);
    }

    public long FirstTicks { get; private set; }

    public long WarmTicks { get; private set; }

    public long LastTicks { get; private set; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>First to last arrival.</summary>
    public double Seconds => (LastTicks - FirstTicks) / (double)Stopwatch.Frequency;

    /// <summary>From the last warm-up message to the last message: the time of the measured ones.</summary>
    public double MeasuredSeconds => (LastTicks - WarmTicks) / (double)Stopwatch.Frequency;

    /// <summary>
    /// JMS timestamp (the producer's clock, same host) to arrival here, in ms, of the messages after the warm-up,
    /// when <see cref="ArrivalProbe.Latency"/> is set.
    /// </summary>
    public IReadOnlyList<long> LatenciesMs => _latenciesMs;

    public static async Task<ArrivalCounter> StartAsync(
        StompClientOptions options, string queue, int expected, ArrivalProbe probe, CancellationToken cancellationToken)
    {
        var client = await StompClient.ConnectAsync(options, null, cancellationToken);
        var subscription = await client.SubscribeAsync("/queue/" + queue, new StompSubscribeOptions { AckMode = StompAckMode.Auto, Prefetch = 1000 }, cancellationToken);
        return new ArrivalCounter(client, subscription, expected, probe);
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
            await foreach (var message in _subscription.ReadAllAsync())
            {
                var now = Stopwatch.GetTimestamp();
                var count = Interlocked.Increment(ref _count);
                if (count == 1)
                {
                    FirstTicks = now;
                }

                if (count == Math.Max(_probe.Warmup, 1))
                {
                    WarmTicks = now;
                    _probe.AtWarmup?.Invoke();
                }

                if (_probe.Latency && count > _probe.Warmup)
                {
                    var sent = long.Parse(message.Headers.GetValueOrDefault("timestamp") ?? "0", CultureInfo.InvariantCulture);
                    _latenciesMs.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sent);
                }

                LastTicks = now;
                if (count == _expected)
                {
                    _probe.AtEnd?.Invoke();
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
