namespace LocalEventSource.Invocation;

/// <summary>How one invocation of the function ended.</summary>
internal enum InvocationOutcome
{
    /// <summary>The function returned a response: the batch is acknowledged.</summary>
    Success,

    /// <summary>The function reported an error through the Runtime API.</summary>
    FunctionError,

    /// <summary>No answer within the function timeout: the environment is killed and replaced.</summary>
    Timeout,

    /// <summary>The bootstrap process exited (or never became ready): the environment is replaced.</summary>
    Crashed,
}

/// <summary>The result of one invocation; <paramref name="Error"/> says why it failed, for the log.</summary>
internal sealed record InvocationResult(InvocationOutcome Outcome, string? Error, TimeSpan Duration)
{
    public bool Succeeded => Outcome == InvocationOutcome.Success;
}
