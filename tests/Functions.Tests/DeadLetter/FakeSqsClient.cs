using Amazon.SQS;

namespace Functions.Tests.DeadLetter;

/// <summary>
/// An SQS client that records <c>SendMessageBatch</c> requests instead of sending them and checks SQS's limits on
/// each one, as real SQS would (moto does not). <see cref="Reject"/> picks entries to fail.
/// </summary>
internal sealed class FakeSqsClient() : AmazonSQSClient(new BasicAWSCredentials("x", "y"), new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:1" })
{
    public List<SendMessageBatchRequest> Requests { get; } = [];

    /// <summary>Called per entry and attempt (1-based); a non-null code fails the entry.</summary>
    public Func<SendMessageBatchRequestEntry, int, string?> Reject { get; set; } = (_, _) => null;

    public int MaxBytes { get; set; } = 262_144;

    public override Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.Add(request);
        Assert.InRange(request.Entries.Count, 1, 10);
        Assert.InRange(request.Entries.Sum(e => Functions.Framework.DeadLetter.SqsEntry.MeasureBytes(e.MessageBody, e.MessageAttributes)), 1, MaxBytes);
        var response = new SendMessageBatchResponse { Successful = [], Failed = [] };
        foreach (var entry in request.Entries)
        {
            Assert.InRange(entry.MessageAttributes.Count, 0, 10);
            Assert.False(string.IsNullOrEmpty(entry.MessageBody), $"entry {entry.Id}: SQS refuses an empty body");
            Assert.All(entry.MessageAttributes.Values, a => Assert.False(string.IsNullOrEmpty(a.StringValue), "SQS refuses an empty attribute value"));
            Assert.True(SqsCharacters.IsSqsSafe(entry.MessageBody), $"entry {entry.Id} has characters SQS rejects");
            Assert.All(entry.MessageAttributes.Values, a => Assert.True(SqsCharacters.IsSqsSafe(a.StringValue)));
            var attempt = Requests.Count(r => r.Entries.Any(e => e.Id == entry.Id));
            if (Reject(entry, attempt) is { } code)
            {
                response.Failed.Add(new BatchResultErrorEntry { Id = entry.Id, Code = code, Message = "rejected", SenderFault = false });
            }
            else
            {
                response.Successful.Add(new SendMessageBatchResultEntry { Id = entry.Id, MessageId = Guid.NewGuid().ToString() });
            }
        }

        return Task.FromResult(response);
    }
}
