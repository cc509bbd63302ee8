namespace Functions.Runtime.Runtime;

/// <summary>An invocation as <c>GET /runtime/invocation/next</c> returned it.</summary>
internal sealed record NextInvocation(
    string RequestId,
    long? DeadlineMs,
    string? InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    byte[] Payload);
