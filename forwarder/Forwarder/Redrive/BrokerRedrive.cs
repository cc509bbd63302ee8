using Stomp;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Redrive;

/// <summary>
/// Moves messages from a queue on a broker back to a queue on the same broker: the on-prem parking queue to each
/// message's <c>fwd_origin_queue</c>, or the cloud broker's <c>DLQ.&lt;queue&gt;</c> to <c>&lt;queue&gt;</c>. Body
/// and kind (text without, bytes with <c>content-length</c>) verbatim. Each message is ACKed only after the SEND of
/// its copy got its RECEIPT; a crash in between leaves it in place, and its resend carries the same origin id and
/// redrive count, so the functions' idempotency key recognises it.
/// </summary>
internal sealed class BrokerRedrive(StompClient client, RedriveSelection selection, TimeProvider time)
{
    /// <summary>Moves what <see cref="RedriveSelection"/> selects from <paramref name="sourceQueue"/>.</summary>
    /// <param name="targetOf">The queue a message goes back to.</param>
    /// <param name="idle">The queue counts as drained once no message arrived for this long.</param>
    public async Task RunAsync(string sourceQueue, Func<StompMessage, string> targetOf, RedriveProgress progress, bool dryRun, TimeSpan idle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetOf);
        ArgumentNullException.ThrowIfNull(progress);
        var now = time.GetUtcNow();
        await using var subscription = await SubscribeAsync(sourceQueue, dryRun, now, cancellationToken);

        // Copies this run sent (origin id and count): one that failed again and came back is not sent round again.
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (selection.Max is not { } max || progress.Moved < max)
        {
            var frame = await subscription.TryReadAsync(idle, cancellationToken);
            if (frame is null || frame.Headers.GetValueOrDefault("browser") == "end")
            {
                break;
            }

            progress.Saw();
            var target = targetOf(frame);
            var message = new RedriveMessage(
                new RedriveCandidate(frame.MessageId, frame.Headers.GetValueOrDefault(Provenance.OriginId), target, SentAt(frame)),
                RedriveHeaders.For(frame.Headers, frame.MessageId, target),
                frame.Body,
                frame.HasContentLength);
            var h = frame.Headers;
            var came = Key(h.GetValueOrDefault(Provenance.OriginQueue) ?? target, h.GetValueOrDefault(Provenance.OriginId) ?? frame.MessageId,
                RedriveHeaders.CountOf(h.GetValueOrDefault(Provenance.RedriveCount)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!selection.Matches(message.Candidate, now) || sent.Contains(came))
            {
                continue; // not acknowledged: the broker keeps it when this subscription ends
            }

            if (!dryRun)
            {
                await client.SendAsync(message.Destination, message.Headers, message.Body,
                    new StompSendOptions { Receipt = true, ContentLength = message.WithContentLength }, cancellationToken);
                await frame.AckAsync(cancellationToken);
                sent.Add(Key(Value(message.Headers, Provenance.OriginQueue), Value(message.Headers, Provenance.OriginId), Value(message.Headers, Provenance.RedriveCount)));
            }

            await progress.MovedAsync(message, cancellationToken);
        }
    }

    /// <summary>A consuming subscription, or a browser for a dry run; with the selection's JMS selector.</summary>
    private Task<StompSubscription> SubscribeAsync(string sourceQueue, bool dryRun, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (selection.JmsSelector(now) is { } selector)
        {
            headers.Add(new("selector", selector));
        }

        if (dryRun)
        {
            // A browser sees the queue without taking anything; ActiveMQ ends the browse with a browser:end frame.
            headers.Add(new("browser", "true"));
        }

        return client.SubscribeAsync("/queue/" + sourceQueue, new StompSubscribeOptions
        {
            AckMode = dryRun ? StompAckMode.Auto : StompAckMode.ClientIndividual,
            Prefetch = 100,
            Headers = headers,
        }, cancellationToken);
    }

    private static DateTimeOffset? SentAt(StompMessage frame) =>
        long.TryParse(frame.Headers.GetValueOrDefault("timestamp"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private static string Key(string? queue, string? originId, string? count) => $"{queue}\n{originId}\n{count}";

    private static string? Value(IReadOnlyList<KeyValuePair<string, string>> headers, string name) => headers.FirstOrDefault(h => h.Key == name).Value;
}
