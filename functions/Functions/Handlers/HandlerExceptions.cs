namespace Functions.Handlers;

/// <summary>
/// Thrown by a handler (or code it calls) when the message can never succeed, however often it is retried: the
/// message is dead-lettered with this exception's message. Derive from it for specific cases.
/// </summary>
internal class PermanentException : Exception
{
    public PermanentException()
    {
    }

    public PermanentException(string message)
        : base(message)
    {
    }

    public PermanentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Thrown when the message could succeed later (a dependency is down, a limit was hit): the batch fails and the
/// broker redelivers it.
/// </summary>
internal class TransientException : Exception
{
    public TransientException()
    {
    }

    public TransientException(string message)
        : base(message)
    {
    }

    public TransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
