using LocalEventSource.Events;
using LocalEventSource.Invocation;

namespace LocalEventSource.Polling;

/// <summary>
/// What the event source does, as it happens: for live counts and end-to-end accounting. Called from the pollers'
/// threads concurrently; implementations must be thread-safe and quick.
/// </summary>
internal interface IEventSourceObserver
{
    /// <summary>A message arrived from the broker (again, when <see cref="ReceivedMessage.Redelivered"/>).</summary>
    void Received(int poller, ReceivedMessage message);

    /// <summary>A batch is about to be sent to the function.</summary>
    void Invoking(int poller, IReadOnlyList<ReceivedMessage> batch);

    /// <summary>The function answered (or failed); on success the batch has been acknowledged.</summary>
    void Invoked(int poller, IReadOnlyList<ReceivedMessage> batch, InvocationResult result);

    /// <summary>The message went to the broker's dead-letter queue, with the reason.</summary>
    void DeadLettered(int poller, ReceivedMessage message, string reason);

    /// <summary>One line the function's bootstrap wrote to stdout or stderr.</summary>
    void FunctionOutput(int poller, string line);
}
