namespace Functions.Tests.RuntimeHost;

/// <summary>Handlers and function settings the LambdaHost tests share.</summary>
internal static class HostHandlers
{
    public static readonly IReadOnlyDictionary<string, string> FunctionVariables = new Dictionary<string, string>
    {
        ["_HANDLER"] = "orders",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-fn",
        ["AWS_LAMBDA_FUNCTION_VERSION"] = "7",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/orders-fn",
        ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/25/[7]abc",
    };

    public static DelegateInvocationHandler Echo() =>
        new((payload, _, _) => Task.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(payload.Span))));

    public static DelegateInvocationHandler Throws(Exception exception) => new((_, _, _) => Task.FromException<ReadOnlyMemory<byte>>(exception));
}
