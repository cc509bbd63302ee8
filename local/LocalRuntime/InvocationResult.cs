namespace LocalRuntime;

/// <summary>The outcome of one invocation.</summary>
public sealed record InvocationResult
{
    public required string RequestId { get; init; }

    public required InvocationStatus Status { get; init; }

    /// <summary>The response body on <see cref="InvocationStatus.Success"/>; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The response's Content-Type on success.</summary>
    public string? ContentType { get; init; }

    /// <summary>The error on <see cref="InvocationStatus.Error"/>; null otherwise.</summary>
    public InvocationError? Error { get; init; }

    /// <summary>From the call to <see cref="LocalRuntimeServer.InvokeAsync"/> until the outcome was known.</summary>
    public TimeSpan Duration { get; init; }

    public bool Succeeded => Status == InvocationStatus.Success;
}
