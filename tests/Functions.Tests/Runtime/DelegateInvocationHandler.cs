namespace Functions.Tests.RuntimeHost;

internal sealed class DelegateInvocationHandler(Func<ReadOnlyMemory<byte>, ILambdaContext, CancellationToken, Task<ReadOnlyMemory<byte>>> invoke) : IInvocationHandler
{
    public Task<ReadOnlyMemory<byte>> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken) =>
        invoke(payload, context, cancellationToken);
}
