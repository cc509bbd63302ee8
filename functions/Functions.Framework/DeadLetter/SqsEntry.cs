using System.Text;
using Amazon.SQS.Model;

namespace Functions.Framework.DeadLetter;

/// <summary>One prepared <c>SendMessageBatch</c> entry with its size as SQS counts it.</summary>
internal sealed record SqsEntry(SendMessageBatchRequestEntry Entry, int Bytes, DeadLetterMessage Message)
{
    /// <summary>
    /// The size SQS counts against <c>MaximumMessageSize</c>: the body's UTF-8 bytes plus, for each attribute, its
    /// name, data type and value.
    /// </summary>
    public static int MeasureBytes(string body, IReadOnlyDictionary<string, MessageAttributeValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(attributes);
        var bytes = Encoding.UTF8.GetByteCount(body);
        foreach (var (name, value) in attributes)
        {
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value.DataType ?? string.Empty);
            bytes += value.StringValue is { } text ? Encoding.UTF8.GetByteCount(text) : (int)(value.BinaryValue?.Length ?? 0);
        }

        return bytes;
    }
}
