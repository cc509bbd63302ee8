namespace Functions.Runtime.Runtime;

/// <summary>
/// Thrown by an init delegate when the function cannot start for a reason the operator must fix (unknown
/// <c>_HANDLER</c>, missing setting). The host reports its message as the init error, without a stack trace
/// to wade through.
/// </summary>
public sealed class InitializationException : Exception
{
    public InitializationException()
    {
    }

    public InitializationException(string message)
        : base(message)
    {
    }

    public InitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
