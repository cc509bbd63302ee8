using System.Net;

namespace Functions.Runtime.Runtime;

/// <summary>The Runtime API answered with a status the runtime cannot continue from.</summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuntimeApiException(string operation, HttpStatusCode statusCode, string body)
        : base($"Runtime API {operation} returned {(int)statusCode} {statusCode}: {body}")
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }
}
