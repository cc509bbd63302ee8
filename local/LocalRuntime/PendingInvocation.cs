namespace LocalRuntime;

/// <summary>An invocation from <see cref="LocalRuntimeServer.InvokeAsync"/> until its outcome; completes exactly once.</summary>
internal sealed class PendingInvocation : IDisposable
{
    private const int Queued = 0;
    private const int Dispatched = 1;
    private const int Completed = 2;

    private readonly TaskCompletionSource<InvocationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private int _state;
    private volatile bool _dispatched;
    private ITimer? _timeout;

    public PendingInvocation(string requestId, ReadOnlyMemory<byte> payload, InvocationOptions options, TimeProvider timeProvider)
    {
        RequestId = requestId;
        Payload = payload;
        Options = options;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
    }

    public string RequestId { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public InvocationOptions Options { get; }

    // Our own completion source, completed with RunContinuationsAsynchronously: awaiting it cannot deadlock.
#pragma warning disable VSTHRD003
    public Task<InvocationResult> Result => _completion.Task;
#pragma warning restore VSTHRD003

    public bool IsCompleted => Volatile.Read(ref _state) == Completed;

    /// <summary>A runtime has received it (it may have completed since).</summary>
    public bool IsDispatched => _dispatched;

    /// <summary>Hands the invocation to a runtime: starts the timeout and returns the deadline, or null when it already ended.</summary>
    public DateTimeOffset? TryDispatch()
    {
        if (Interlocked.CompareExchange(ref _state, Dispatched, Queued) != Queued)
        {
            return null;
        }

        _dispatched = true;
        var deadline = _timeProvider.GetUtcNow() + Options.Timeout;
        _timeout = _timeProvider.CreateTimer(_ => TryComplete(InvocationStatus.TimedOut), null, Options.Timeout, Timeout.InfiniteTimeSpan);
        return deadline;
    }

    public bool TryComplete(InvocationStatus status, ReadOnlyMemory<byte> payload = default, string? contentType = null, InvocationError? error = null)
    {
        if (Interlocked.Exchange(ref _state, Completed) == Completed)
        {
            return false;
        }

        _timeout?.Dispose();
        return _completion.TrySetResult(new InvocationResult
        {
            RequestId = RequestId,
            Status = status,
            Payload = payload,
            ContentType = contentType,
            Error = error,
            Duration = _timeProvider.GetElapsedTime(_started),
        });
    }

    /// <summary>Withdraws the invocation because its caller gave up.</summary>
    public void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, Completed) != Completed)
        {
            _timeout?.Dispose();
            _completion.TrySetCanceled(cancellationToken);
        }
    }

    public void Dispose() => _timeout?.Dispose();
}
