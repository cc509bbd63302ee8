namespace Stomp;

/// <summary>Base of every exception this STOMP client throws.</summary>
public class StompException : Exception
{
    public StompException()
    {
    }

    public StompException(string message)
        : base(message)
    {
    }

    public StompException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The broker answered with an ERROR frame: for a frame with a receipt (e.g. a SEND it refused: not authorised,
/// too large) that operation faults with this; from <c>ConnectAsync</c> it means the broker refused the connection
/// (e.g. bad credentials).
/// </summary>
public sealed class StompErrorException : StompException
{
    public StompErrorException()
    {
    }

    public StompErrorException(string message)
        : base(message)
    {
    }

    public StompErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal StompErrorException(StompHeaders headers, string bodyText)
        : base(Describe(headers, bodyText))
    {
        Headers = headers;
        ErrorMessage = headers.GetValueOrDefault("message") ?? "";
        ReceiptId = headers.GetValueOrDefault("receipt-id");
    }

    /// <summary>The ERROR frame's <c>message</c> header.</summary>
    public string ErrorMessage { get; } = "";

    /// <summary>The <c>receipt-id</c> of the frame the error answers, if any.</summary>
    public string? ReceiptId { get; }

    /// <summary>All headers of the ERROR frame.</summary>
    public StompHeaders Headers { get; } = StompHeaders.Empty;

    private static string Describe(StompHeaders headers, string bodyText)
    {
        var message = headers.GetValueOrDefault("message");
        if (string.IsNullOrEmpty(message))
        {
            message = bodyText.Split('\n', 2)[0];
        }

        return $"the broker answered ERROR: {message}";
    }
}

/// <summary>
/// The connection is gone (closed by the broker, network failure, heart-beat or receipt timeout, an ERROR frame that
/// answered no receipt, or the client was disposed). Every pending receipt faults with it and every subscription's
/// reader completes with it; whether a pending SEND reached the broker is unknown, so the caller must not treat it
/// as delivered. Reconnect with a new <see cref="StompClient"/>.
/// </summary>
public sealed class StompConnectionException : StompException
{
    public StompConnectionException()
    {
    }

    public StompConnectionException(string message)
        : base(message)
    {
    }

    public StompConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The broker sent bytes that are not a valid STOMP frame (the connection is then closed).</summary>
public sealed class StompProtocolException : StompException
{
    public StompProtocolException()
    {
    }

    public StompProtocolException(string message)
        : base(message)
    {
    }

    public StompProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A frame breaks the broker's limits (header line length, header count, body size); thrown before anything is sent,
/// because ActiveMQ answers such a frame by dropping the whole connection.
/// </summary>
public sealed class StompFrameLimitException : StompException
{
    public StompFrameLimitException()
    {
    }

    public StompFrameLimitException(string message)
        : base(message)
    {
    }

    public StompFrameLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// No RECEIPT came within <see cref="StompClientOptions.ReceiptTimeout"/> of writing its frame: the broker is slow
/// (flow control, disk) or the link is dead, not necessarily refusing. The connection is closed; this is the inner
/// exception of the <see cref="StompConnectionException"/> every pending operation faults with.
/// </summary>
public sealed class StompReceiptTimeoutException : StompException
{
    public StompReceiptTimeoutException()
    {
    }

    public StompReceiptTimeoutException(string message)
        : base(message)
    {
    }

    public StompReceiptTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
