using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace LocalPipeline.Tracking;

/// <summary>
/// Reads the function's SQS dead-letter queue (moto). Each message is received once and hidden for 12 hours rather
/// than deleted, so it stays in the queue for anyone who looks afterwards.
/// </summary>
internal sealed class SqsDeadLetterReader(IAmazonSQS sqs, string queueUrl, PipelineTracker tracker)
{
    /// <summary>Reads everything visible now; returns how many were new.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
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

            foreach (var message in messages)
            {
                tracker.SqsDeadLetter(Parse(message));
            }

            total += messages.Count;
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
