using System.Globalization;
using LocalEventSource.Events;
using LocalEventSource.Invocation;

namespace LocalEventSource.Polling;

/// <summary>Prints what the standalone event source does: the function's output and each batch's outcome.</summary>
internal sealed class ConsoleObserver(TextWriter output) : IEventSourceObserver
{
    private readonly TextWriter _output = TextWriter.Synchronized(output);

    public void Received(int poller, ReceivedMessage message)
    {
    }

    public void Invoking(int poller, IReadOnlyList<ReceivedMessage> batch) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[poller {poller}] invoking with {batch.Count} message(s)"));

    public void Invoked(int poller, IReadOnlyList<ReceivedMessage> batch, InvocationResult result) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[poller {poller}] {result.Outcome} in {result.Duration.TotalMilliseconds:0} ms{(result.Succeeded ? ": acknowledged" : $": {result.Error}; will be redelivered")}"));

    public void DeadLettered(int poller, ReceivedMessage message, string reason) =>
        _output.WriteLine($"[poller {poller}] {message.MessageId} → broker dead-letter queue: {reason}");

    public void FunctionOutput(int poller, string line) => _output.WriteLine($"[env {poller}] {line}");
}
