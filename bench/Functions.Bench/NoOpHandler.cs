using Functions.Framework;

namespace Functions.Bench;

/// <summary>Accepts every message without looking at it: the benchmark measures the framework, not a handler.</summary>
internal sealed class NoOpHandler : IMessageHandler<ReadOnlyMemory<byte>>
{
    public ValueTask<HandlerResult> HandleAsync(ReadOnlyMemory<byte> message, MessageContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HandlerResult.Processed);
}
