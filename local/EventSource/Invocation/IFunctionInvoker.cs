namespace LocalEventSource.Invocation;

/// <summary>One execution environment of the function: invokes it synchronously, one event at a time.</summary>
internal interface IFunctionInvoker : IAsyncDisposable
{
    /// <summary>Invokes the function with <paramref name="payload"/> (the event JSON); never throws for a function failure.</summary>
    Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
