namespace LocalRuntime;

/// <summary>An error the runtime reported (invocation or init error), as the Runtime Interface Emulator sees it.</summary>
public sealed record InvocationError
{
    /// <summary>The error type after RIE's normalisation (<c>Runtime.Unknown</c> for a type Lambda does not accept).</summary>
    public required string ErrorType { get; init; }

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header as the runtime sent it (null when absent).</summary>
    public string? ReportedErrorType { get; init; }

    /// <summary><c>errorType</c> from the body, when the body is the standard error JSON.</summary>
    public string? BodyErrorType { get; init; }

    /// <summary><c>errorMessage</c> from the body, when the body is the standard error JSON.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary><c>stackTrace</c> from the body; empty when absent.</summary>
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>The request's Content-Type.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body exactly as posted (what Lambda returns to the caller).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}
