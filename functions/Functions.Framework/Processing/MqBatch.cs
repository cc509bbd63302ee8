namespace Functions.Framework.Processing;

/// <summary>The messages of one invocation, with where they came from.</summary>
internal sealed record MqBatch(string EventSource, string? BrokerArn, IReadOnlyList<InboundMessage> Messages);
