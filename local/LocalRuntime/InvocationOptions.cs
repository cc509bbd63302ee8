namespace LocalRuntime;

/// <summary>How to invoke: the values Lambda would put in the <c>next</c> headers, and the function timeout.</summary>
public sealed record InvocationOptions
{
    /// <summary>The ARN Lambda's Runtime Interface Emulator reports for a function named <c>test_function</c>.</summary>
    public const string DefaultFunctionArn = "arn:aws:lambda:us-east-1:012345678912:function:test_function";

    /// <summary>The function timeout, counted from when the runtime receives the invocation. The default is 300 seconds, RIE's default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>; a new GUID when null.</summary>
    public string? RequestId { get; init; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>; omitted when empty.</summary>
    public string? FunctionArn { get; init; } = DefaultFunctionArn;

    /// <summary><c>Lambda-Runtime-Trace-Id</c>; omitted when empty (RIE sends none).</summary>
    public string? TraceId { get; init; }

    /// <summary><c>Lambda-Runtime-Client-Context</c>; omitted when empty.</summary>
    public string? ClientContext { get; init; }

    /// <summary><c>Lambda-Runtime-Cognito-Identity</c>; omitted when empty.</summary>
    public string? CognitoIdentity { get; init; }
}
