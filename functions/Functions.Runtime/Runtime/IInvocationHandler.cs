namespace Functions.Runtime.Runtime;

/// <summary>
/// Handles one invocation: event bytes in, response bytes out. Raw bytes keep this layer free of business logic and
/// of any serializer, so it could be replaced by Amazon.Lambda.RuntimeSupport without touching handlers.
/// </summary>
public interface IInvocationHandler
{
    /// <summary>
    /// Processes <paramref name="payload"/>. An exception fails the invocation (reported to Lambda as a function
    /// error). <paramref name="cancellationToken"/> is cancelled at the invocation's deadline.
    /// </summary>
    Task<ReadOnlyMemory<byte>> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken);
}
