using LocalEventSource.Events;

namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>Records what the event source reports.</summary>
internal sealed class RecordingObserver : IEventSourceObserver
{
    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    public ConcurrentQueue<(ReceivedMessage Message, string Reason)> DeadLettered { get; } = new();

    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Messages in batches that succeeded (reported after their ACKs were sent).</summary>
    public int Acknowledged => _acknowledged;

    private int _acknowledged;

    void IEventSourceObserver.Received(int poller, ReceivedMessage message) => Received.Enqueue(message);

    void IEventSourceObserver.Invoking(int poller, IReadOnlyList<ReceivedMessage> batch)
    {
    }

    void IEventSourceObserver.Invoked(int poller, IReadOnlyList<ReceivedMessage> batch, InvocationResult result)
    {
        if (result.Succeeded)
        {
            Interlocked.Add(ref _acknowledged, batch.Count);
        }
    }

    void IEventSourceObserver.DeadLettered(int poller, ReceivedMessage message, string reason) => DeadLettered.Enqueue((message, reason));

    void IEventSourceObserver.FunctionOutput(int poller, string line) => Output.Enqueue(line);
}
