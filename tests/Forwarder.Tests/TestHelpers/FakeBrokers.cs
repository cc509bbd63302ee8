using System.Text;
using System.Threading.Channels;
using Forwarder.Bridge;
using Stomp;

namespace Forwarder.Tests.TestHelpers;

/// <summary>Both brokers in memory, and the connector the worker uses to reach them.</summary>
internal sealed class FakeBrokers : IBrokerConnector
{
    private int _next;

    public Channel<InboundMessage> Queue { get; } = Channel.CreateUnbounded<InboundMessage>();

    public List<string> Acked { get; } = [];

    public List<string> Nacked { get; } = [];

    public List<OutboundMessage> Parked { get; } = [];

    public List<OutboundMessage> Delivered { get; } = [];

    public List<int> Batches { get; } = [];

    public List<int> SinkConnects { get; } = [];

    public Func<OutboundMessage, string?>? Reject { get; set; }

    public bool DropConnectionOnNextSend { get; set; }

    /// <summary>Target endpoints that refuse connections.</summary>
    public HashSet<int> DownTargets { get; } = [];

    public bool TransformationActive { get; set; } = true;

    public int SinkEndpointCount { get; set; } = 1;

    public Task<IMessageSource> ConnectSourceAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IMessageSource>(new FakeSource(this) { TransformationActive = TransformationActive });

    public Task<IMessageSink> ConnectSinkAsync(int endpointIndex, CancellationToken cancellationToken)
    {
        SinkConnects.Add(endpointIndex);
        return DownTargets.Contains(endpointIndex)
            ? Task.FromException<IMessageSink>(new IOException($"connection refused by target {endpointIndex}"))
            : Task.FromResult<IMessageSink>(new FakeSink(this, $"target{endpointIndex}"));
    }

    public InboundMessage Enqueue(string queue, string body, params (string Key, string Value)[] headers)
    {
        var id = $"ID:src-{Interlocked.Increment(ref _next)}";
        var all = new List<KeyValuePair<string, string>> { new("message-id", id), new("destination", "/queue/" + queue) };
        all.AddRange(headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)));
        var message = new InboundMessage(queue, id, new StompHeaders(all), Encoding.UTF8.GetBytes(body), false, false);
        Queue.Writer.TryWrite(message);
        return message;
    }
}
