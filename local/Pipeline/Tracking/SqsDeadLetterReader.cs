using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace LocalPipeline.Tracking;

/// <summary>
/// Reads the function's SQS dead-letter queue (moto). Each message is received once and hidden for 12 hours rather
/// than deleted, so it stays in the queue for anyone who looks afterwards; <see cref="ReleaseAsync"/> hands them
/// back (to a redrive). Thread-safe.
/// </summary>
internal sealed class SqsDeadLetterReader(IAmazonSQS sqs, string queueUrl, PipelineTracker tracker)
{
    private readonly Lock _lock = new();
    private readonly List<string> _hidden = [];
    private bool _released;

    /// <summary>Reads everything visible now; returns how many were new (none once released).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (!IsReleased)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                VisibilityTimeout = 43_200,
                MessageAttributeNames = ["All"],
            }, cancellationToken).ConfigureAwait(false);
            var messages = response.Messages ?? [];
            if (messages.Count == 0)
            {
                return total;
            }

            var handles = messages.Select(m => m.ReceiptHandle).ToList();
            lock (_lock)
            {
                if (!_released)
                {
                    _hidden.AddRange(handles);
                    handles.Clear();
                }
            }

            // Received while being released: back at once, unread.
            if (handles.Count > 0)
            {
                await ShowAsync(handles, cancellationToken).ConfigureAwait(false);
                return total;
            }

            foreach (var message in messages)
            {
                tracker.SqsDeadLetter(Parse(message));
            }

            total += messages.Count;
        }

        return total;
    }

    /// <summary>
    /// Stops reading and makes every message this reader hid visible again, so that another consumer (a redrive)
    /// receives them at once rather than in 12 hours. What the tracker learnt of them stays.
    /// </summary>
    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        List<string> hidden;
        lock (_lock)
        {
            _released = true;
            hidden = [.. _hidden];
            _hidden.Clear();
        }

        return ShowAsync(hidden, cancellationToken);
    }

    private bool IsReleased
    {
        get
        {
            lock (_lock)
            {
                return _released;
            }
        }
    }

    private async Task ShowAsync(List<string> receiptHandles, CancellationToken cancellationToken)
    {
        foreach (var chunk in receiptHandles.Chunk(10))
        {
            var response = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select((handle, i) => new ChangeMessageVisibilityBatchRequestEntry($"e{i}", handle) { VisibilityTimeout = 0 })],
            }, cancellationToken).ConfigureAwait(false);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"SQS did not make {failed.Count} dead letter(s) visible again: {failed[0].Code} {failed[0].Message}");
            }
        }
    }

    internal static SqsDeadLetter Parse(Message message)
    {
        var attributes = (message.MessageAttributes ?? []).ToDictionary(a => a.Key, a => a.Value.StringValue ?? "", StringComparer.Ordinal);
        var encoding = attributes.GetValueOrDefault("body-encoding");
        var body = encoding == "base64" ? Convert.FromBase64String(message.Body) : Encoding.UTF8.GetBytes(message.Body ?? "");
        var provenance = attributes.GetValueOrDefault("provenance");
        string? messageId = null, originalId = null, correlationId = null;
        if (provenance is not null)
        {
            try
            {
                using var json = JsonDocument.Parse(provenance);
                messageId = JsonText.Of(json.RootElement, "messageId");
                originalId = JsonText.Of(json.RootElement, "originalId");
                correlationId = JsonText.Of(json.RootElement, "correlationId");
            }
            catch (JsonException)
            {
                // Kept as text in Provenance; the tracker cannot match it, so it counts as foreign.
            }
        }

        return new SqsDeadLetter
        {
            Body = body,
            Provenance = provenance,
            MessageId = messageId,
            OriginalId = originalId,
            CorrelationId = correlationId,
            Attributes = attributes,
        };
    }
}
