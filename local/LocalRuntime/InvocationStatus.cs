namespace LocalRuntime;

/// <summary>How an invocation ended.</summary>
public enum InvocationStatus
{
    /// <summary>The runtime posted a response.</summary>
    Success,

    /// <summary>The runtime posted an error, its response was too large, or initialization had failed.</summary>
    Error,

    /// <summary>Nothing was posted before the timeout. Lambda would now kill and restart the runtime.</summary>
    TimedOut,
}
