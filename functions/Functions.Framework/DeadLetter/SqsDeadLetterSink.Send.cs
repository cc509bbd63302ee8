using Amazon.Runtime;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;

namespace Functions.Framework.DeadLetter;

internal sealed partial class SqsDeadLetterSink
{
    /// <summary>
    /// Sends one request; entries SQS rejects (or the whole request, on a network or service error) are sent again
    /// after a growing delay, up to <see cref="DeadLetterOptions.MaxAttempts"/> attempts. What still fails is added
    /// to <paramref name="failures"/>.
    /// </summary>
    private async Task SendWithRetriesAsync(List<SqsEntry> request, List<DeadLetterFailure> failures, CancellationToken cancellationToken)
    {
        var pending = request;
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            reasons.Clear();
            try
            {
                var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
                {
                    QueueUrl = _options.QueueUrl.ToString(),
                    Entries = pending.ConvertAll(e => e.Entry),
                }, cancellationToken);
                foreach (var failed in response.Failed ?? [])
                {
                    reasons[failed.Id] = $"SQS rejected it: {failed.Code} {failed.Message} (sender fault: {failed.SenderFault})";
                }
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
            {
                foreach (var entry in pending)
                {
                    reasons[entry.Entry.Id] = $"SendMessageBatch failed: {ex.GetType().Name}: {ex.Message}";
                }
            }

            pending = pending.FindAll(e => reasons.ContainsKey(e.Entry.Id));
            if (pending.Count == 0)
            {
                return;
            }

            if (attempt >= _options.MaxAttempts)
            {
                foreach (var entry in pending)
                {
                    failures.Add(new DeadLetterFailure(entry.Message, reasons[entry.Entry.Id]));
                }

                return;
            }

            _logger.DeadLetterSendRetrying(pending.Count, attempt, reasons[pending[0].Entry.Id]);
            await Task.Delay(delay, _timeProvider, cancellationToken);
            delay *= 2;
        }
    }
}
