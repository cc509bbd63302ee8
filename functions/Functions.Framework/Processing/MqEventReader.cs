using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Contract;
using Contract.Events;
using Functions.Framework.Idempotency;
using Functions.Runtime.Runtime;

namespace Functions.Framework.Processing;

/// <summary>
/// Reads an invocation payload (<c>aws:mq</c>, <c>aws:amq</c> or <c>aws:rmq</c>) into an <see cref="MqBatch"/>.
/// A message without an id — RabbitMQ messages often have no <c>messageId</c>, an ActiveMQ one rarely lacks its
/// <c>messageID</c> — is identified by <c>rmq-sha256:&lt;hex&gt;</c>, a hash of queue, timestamp, correlation id
/// and body, so two such messages identical in all of these count as one for idempotency. The prefix says
/// <c>rmq</c> for ActiveMQ messages too: the ids are idempotency keys already stored, so it stays. Producers that
/// can should set a message id.
/// </summary>
internal static class MqEventReader
{
    public const string InvalidEventErrorType = "Function.InvalidEvent";

    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    /// <exception cref="FunctionErrorException">The payload is not a valid Amazon MQ event (error type <see cref="InvalidEventErrorType"/>).</exception>
    public static MqBatch Read(ReadOnlySpan<byte> payload, string originIdProperty, ILambdaContext lambda)
    {
        try
        {
            return MqEventSource.Detect(payload) switch
            {
                MqEventKind.ActiveMq => FromActiveMq(
                    JsonSerializer.Deserialize(payload, MqEventSerializerContext.Default.ActiveMqEvent)!, originIdProperty, lambda),
                MqEventKind.RabbitMq => FromRabbitMq(
                    JsonSerializer.Deserialize(payload, MqEventSerializerContext.Default.RabbitMqEvent)!, originIdProperty, lambda),
                _ => throw Invalid(payload.Length,
                    "eventSource is neither aws:mq nor aws:rmq, and there is neither a 'messages' nor an 'rmqMessagesByQueue' field", null),
            };
        }
        catch (JsonException ex)
        {
            throw Invalid(payload.Length, ex.Message, ex);
        }
    }

    private static MqBatch FromActiveMq(ActiveMqEvent mqEvent, string originIdProperty, ILambdaContext lambda)
    {
        var source = new Source(mqEvent.EventSource ?? MqEventSource.ActiveMq, mqEvent.EventSourceArn, originIdProperty, lambda);
        var messages = new InboundMessage[mqEvent.Messages.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var message = mqEvent.Messages[i]
                ?? throw new JsonException($"messages[{i}] is null.");
            var queue = message.Destination?.PhysicalName;
            var timestamp = message.Timestamp?.ToString(CultureInfo.InvariantCulture);
            var headers = new MessageHeaders
            {
                MessageType = message.MessageType,
                CorrelationId = message.CorrelationId,
                DeliveryMode = message.DeliveryMode,
                Type = message.Type,
                ReplyTo = message.ReplyTo,
                Priority = message.Priority,
                Expiration = message.Expiration?.ToString(CultureInfo.InvariantCulture),
                Timestamp = timestamp,
                Redelivered = message.Redelivered ?? false,
            };
            var messageId = message.MessageId ?? HashId(queue, timestamp, message.CorrelationId, message.Data);
            messages[i] = source.Message(messageId, queue, headers, message.Properties ?? NoProperties, message.Data);
        }

        return new MqBatch(source.EventSource, source.BrokerArn, messages);
    }

    private static MqBatch FromRabbitMq(RabbitMqEvent rmqEvent, string originIdProperty, ILambdaContext lambda)
    {
        var source = new Source(rmqEvent.EventSource ?? MqEventSource.RabbitMq, rmqEvent.EventSourceArn, originIdProperty, lambda);
        var messages = new List<InboundMessage>();
        foreach (var (queueKey, queueMessages) in rmqEvent.RmqMessagesByQueue)
        {
            var queue = RabbitMqEvent.SplitQueueKey(queueKey).Queue;
            foreach (var message in queueMessages ?? throw new JsonException($"rmqMessagesByQueue['{queueKey}'] is null."))
            {
                var basic = message?.BasicProperties;
                var data = message?.Data ?? MessageData.Missing;
                var headers = new MessageHeaders
                {
                    MessageType = basic?.ContentType,
                    CorrelationId = basic?.CorrelationId,
                    DeliveryMode = basic?.DeliveryMode,
                    Type = basic?.Type,
                    ReplyTo = basic?.ReplyTo,
                    Priority = basic?.Priority,
                    Expiration = basic?.Expiration,
                    Timestamp = basic?.Timestamp,
                    Redelivered = message?.Redelivered ?? false,
                };
                var messageId = basic?.MessageId ?? HashId(queueKey, basic?.Timestamp, basic?.CorrelationId, data);
                messages.Add(source.Message(messageId, queue, headers, RabbitMqHeaders.ToProperties(basic?.Headers), data));
            }
        }

        return new MqBatch(source.EventSource, source.BrokerArn, messages);
    }

    private static string HashId(string? queue, string? timestamp, string? correlationId, MessageData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{queue}\n{timestamp}\n{correlationId}\n"));
        if (data.IsValid)
        {
            hash.AppendData(data.Bytes.Span);
        }
        else
        {
            hash.AppendData(Encoding.UTF8.GetBytes(data.RawText ?? string.Empty));
        }

        return "rmq-sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static FunctionErrorException Invalid(int length, string reason, Exception? inner) =>
        new(InvalidEventErrorType, $"The invocation payload ({length} bytes) is not a valid Amazon MQ event: {reason}", inner);

    /// <summary>What every message of one event shares: where it came from, and the invocation.</summary>
    private readonly record struct Source(string EventSource, string? BrokerArn, string OriginIdProperty, ILambdaContext Lambda)
    {
        public InboundMessage Message(string messageId, string? queue, MessageHeaders headers, IReadOnlyDictionary<string, string> properties,
            MessageData data)
        {
            var originalId = NonEmpty(properties, OriginIdProperty) ?? messageId;
            // Without provenance the message was sent to this broker directly: its queue is its origin.
            var key = new IdempotencyKey(NonEmpty(properties, ProvenanceProperties.OriginQueue) ?? queue ?? string.Empty, originalId,
                IdempotencyKey.ParseRedriveCount(properties.GetValueOrDefault(ProvenanceProperties.RedriveCount)));
            return new(new MessageContext
            {
                MessageId = messageId,
                OriginalId = originalId,
                Queue = queue,
                Headers = headers,
                Properties = properties,
                EventSource = EventSource,
                BrokerArn = BrokerArn,
                Lambda = Lambda,
            }, data, key);
        }

        private static string? NonEmpty(IReadOnlyDictionary<string, string> properties, string name) =>
            properties.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
    }
}
