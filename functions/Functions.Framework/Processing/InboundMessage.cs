using Contract.Events;
using Functions.Framework.Idempotency;

namespace Functions.Framework.Processing;

/// <summary>
/// One message of a batch, the same for ActiveMQ and RabbitMQ: what the handler will see, and the body. Built by
/// <see cref="MqEventReader"/>; a struct, so a 10,000-message batch costs no extra object per message.
/// </summary>
internal readonly record struct InboundMessage(MessageContext Context, MessageData Data, IdempotencyKey Key)
{
    /// <summary>The broker's id for this delivery; for a message without one, a hash (see <see cref="MqEventReader"/>).</summary>
    public string MessageId => Context.MessageId;

    /// <summary>The <c>fwd_origin_id</c> property when present, else <see cref="MessageId"/>; part of <see cref="Key"/>.</summary>
    public string OriginalId => Context.OriginalId;
}
