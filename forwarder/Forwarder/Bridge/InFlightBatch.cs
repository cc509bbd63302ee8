namespace Forwarder.Bridge;

/// <summary>A batch sent to the target: its source messages, the task that completes at its confirmation, and when it was sent.</summary>
internal sealed record InFlightBatch(List<InboundMessage> Messages, Task Confirmed, long Started);
