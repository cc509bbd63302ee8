namespace Functions.Framework;

/// <summary>
/// Thrown by a handler (or code it calls) when the message can never succeed, however often it is retried: the
/// message is dead-lettered with this exception's message. Derive from it for specific cases.
/// </summary>
public class PermanentException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public PermanentException()
    {
    }

    /// <summary>Creates the exception; <paramref name="message"/> becomes the dead letter's error message.</summary>
    public PermanentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public PermanentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Thrown when the message could succeed later (a dependency is down, a limit was hit): the batch fails and the
/// broker redelivers it.
/// </summary>
public class TransientException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TransientException()
    {
    }

    /// <summary>Creates the exception; <paramref name="message"/> is logged as the reason for the retry.</summary>
    public TransientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public TransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
