namespace Forwarder.Bridge;

/// <summary>One live connection to the target broker.</summary>
internal interface IMessageSink : IAsyncDisposable
{
    /// <summary>Where it is connected, for logs.</summary>
    string Endpoint { get; }

    /// <summary>
    /// Sends the messages in order and completes when the broker has confirmed all of them as stored.
    /// Throws <see cref="MessageRejectedException"/> when the broker refuses one message (the connection stays
    /// usable); any other exception means the connection is lost.
    /// </summary>
    Task SendBatchAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken);
}
