using Amazon.SQS;
using Amazon.SQS.Model;
using Stomp;

namespace Forwarder.Redrive;

/// <summary>
/// Moves the functions' SQS dead letters back to the cloud queue. A dead letter is deleted only after the SEND of
/// its copy got its RECEIPT; what is not selected (or not readable) is made visible again at the end.
/// </summary>
internal sealed class SqsRedrive(IAmazonSQS sqs, SqsDeadLetterReader reader, StompClient target, RedriveSelection selection, TimeProvider time)
{
    // Long enough for a batch of ten to be read (bodies from S3) and sent before another reader could see them.
    private const int VisibilitySeconds = 120;

    /// <param name="targetQueue">The queue to send to; null for the queue each dead letter came from.</param>
    public async Task RunAsync(string queueUrl, string? targetQueue, RedriveProgress progress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var now = time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var release = new List<string>();
        try
        {
            // Two receives in a row with nothing new: the queue is drained (SQS samples servers, so one is not proof).
            for (var quiet = 0; quiet < 2 && (selection.Max is not { } max || progress.Moved < max);)
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = 1,
                    VisibilityTimeout = VisibilitySeconds,
                    MessageAttributeNames = ["All"],
                    MessageSystemAttributeNames = ["SentTimestamp"],
                }, cancellationToken);
                var fresh = (response.Messages ?? []).Where(m => seen.Add(m.MessageId)).ToList();
                quiet = fresh.Count == 0 ? quiet + 1 : 0;
                foreach (var sqsMessage in fresh)
                {
                    if (selection.Max is { } limit && progress.Moved >= limit)
                    {
                        release.Add(sqsMessage.ReceiptHandle);
                        continue;
                    }

                    progress.Saw();
                    if (!await MoveAsync(queueUrl, sqsMessage, targetQueue, progress, dryRun, now, cancellationToken))
                    {
                        release.Add(sqsMessage.ReceiptHandle);
                    }
                }
            }
        }
        finally
        {
            await ReleaseAsync(queueUrl, release);
        }
    }

    /// <summary>Sends the copy and deletes the dead letter; false when it stays (not selected, unreadable, or a dry run).</summary>
    private async Task<bool> MoveAsync(string queueUrl, Message sqsMessage, string? targetQueue, RedriveProgress progress, bool dryRun, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        RedriveMessage message;
        try
        {
            message = await reader.ReadAsync(sqsMessage, targetQueue, cancellationToken);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or Amazon.S3.AmazonS3Exception)
        {
            await progress.SkippedAsync(sqsMessage.MessageId, ex.Message, cancellationToken);
            return false;
        }

        if (!selection.Matches(message.Candidate, now))
        {
            return false;
        }

        if (!dryRun)
        {
            await target.SendAsync(message.Destination, message.Headers, message.Body,
                new StompSendOptions { Receipt = true, ContentLength = message.WithContentLength }, cancellationToken);
            await sqs.DeleteMessageAsync(queueUrl, sqsMessage.ReceiptHandle, cancellationToken);
        }

        await progress.MovedAsync(message, cancellationToken);
        return !dryRun;
    }

    /// <summary>Makes what this run left visible again at once rather than after the visibility timeout.</summary>
    private async Task ReleaseAsync(string queueUrl, List<string> receiptHandles)
    {
        foreach (var chunk in receiptHandles.Chunk(10))
        {
            try
            {
                await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = [.. chunk.Select((handle, i) => new ChangeMessageVisibilityBatchRequestEntry($"e{i}", handle) { VisibilityTimeout = 0 })],
                }, CancellationToken.None);
            }
            catch (AmazonSQSException)
            {
                // Only a convenience: the messages become visible anyway when their visibility timeout ends.
            }
        }
    }
}
