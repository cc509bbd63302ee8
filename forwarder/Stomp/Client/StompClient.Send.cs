using System.Globalization;
using Stomp.Framing;

namespace Stomp;

/// <summary>Sending: SEND, transactions, ACK and NACK, each queued on the connection in call order.</summary>
public sealed partial class StompClient
{
    // Headers the client sets from its arguments; the caller may not pass them.
    private static readonly string[] SendReserved = ["destination", "receipt", "transaction", "content-length"];

    /// <summary>
    /// Sends a message. With <see cref="StompSendOptions.Receipt"/> (the default) the task completes when the
    /// broker's RECEIPT arrives — on ActiveMQ after the persistent message is on disk — and faults with
    /// <see cref="StompErrorException"/> when the broker refuses it. Many sends may be in flight: frames go out in
    /// call order, at most <see cref="StompClientOptions.MaxInFlightReceipts"/> awaiting receipts at once.
    /// The body is passed through verbatim: text bodies on ActiveMQ are Java modified UTF-8, which decoding and
    /// re-encoding would change.
    /// </summary>
    /// <param name="headers">Further headers (JMS headers like <c>persistent</c>, <c>correlation-id</c>, properties).
    /// <c>destination</c>, <c>receipt</c>, <c>transaction</c> and <c>content-length</c> come from the other arguments.</param>
    /// <remarks>
    /// Every failure arrives through the task (never thrown by the call itself, so a window of tasks sees each
    /// outcome): <see cref="StompFrameLimitException"/> when the frame breaks the broker's header or size limits and
    /// <see cref="ArgumentException"/> for a reserved header or a NUL in a text body — nothing was sent then;
    /// <see cref="StompErrorException"/> when the broker refused it; <see cref="StompConnectionException"/> when the
    /// connection ended first (the broker may or may not have it).
    /// </remarks>
    public Task SendAsync(
        string destination,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        StompSendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(headers);
        options ??= StompSendOptions.Default;
        // Sized once for the caller's headers, ours and the receipt the connection may add: no regrowth per SEND.
        var list = new List<KeyValuePair<string, string>>((headers.TryGetNonEnumeratedCount(out var given) ? given : 0) + 3)
        {
            new("destination", destination),
        };
        if (options.Transaction is { } tx)
        {
            list.Add(new("transaction", tx));
        }

        var count = list.Count;
        list.AddRange(headers);
        if (FindReserved(list, count, SendReserved) is { } reserved)
        {
            return Task.FromException(reserved);
        }

        // The description names a frame awaiting a receipt (in its timeout and error messages); none is built otherwise.
        return _connection.EnqueueAsync(
            StompCommands.Send, list, body.Span, options.ContentLength, options.Receipt, options.Receipt ? "SEND to " + destination : StompCommands.Send,
            cancellationToken);
    }

    /// <summary>
    /// Starts a transaction. SENDs made with it take effect on <see cref="StompTransaction.CommitAsync"/>;
    /// on ActiveMQ one commit costs one disk sync for all of them.
    /// </summary>
    public async Task<StompTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var id = "tx-" + NextId();
        await _connection.EnqueueAsync(
            StompCommands.Begin, [new("transaction", id)], default, contentLength: false, receipt: false,
            $"BEGIN {id}", cancellationToken);
        return new StompTransaction(this, id);
    }

    internal Task CompleteTransactionAsync(string command, string transaction, CancellationToken cancellationToken) =>
        _connection.EnqueueAsync(
            command, [new("transaction", transaction)], default, contentLength: false, receipt: true,
            $"{command} {transaction}", cancellationToken);

    internal Task SendAckAsync(StompMessage message, bool ack, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>(2);
        if (Version == "1.1")
        {
            headers.Add(new("subscription", message.SubscriptionId));
            headers.Add(new("message-id", message.MessageId));
        }
        else
        {
            headers.Add(new("id", message.AckId ?? throw new StompProtocolException(
                $"message {message.MessageId} has no 'ack' header to acknowledge it with")));
        }

        // No receipt, so no description is ever shown: one per ACK would be an allocation per message for nothing.
        var command = ack ? StompCommands.Ack : StompCommands.Nack;
        return _connection.EnqueueAsync(command, headers, default, contentLength: false, receipt: false, command, cancellationToken);
    }

    /// <summary>The first of <paramref name="headers"/> from <paramref name="start"/> on that the client sets itself, as the error to report.</summary>
    // Indexed, without LINQ or an enumerator: SEND runs it once per message.
    private static ArgumentException? FindReserved(IReadOnlyList<KeyValuePair<string, string>> headers, int start, string[] reserved)
    {
        for (var i = start; i < headers.Count; i++)
        {
            var name = headers[i].Key;
            if (Array.IndexOf(reserved, name) >= 0)
            {
                return new ArgumentException(
                    $"header '{name}' is set by the client from its arguments; do not pass it among the headers", nameof(headers));
            }
        }

        return null;
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
}
