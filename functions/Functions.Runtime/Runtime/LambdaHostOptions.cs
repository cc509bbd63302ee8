namespace Functions.Runtime.Runtime;

/// <summary>Where the host reads its environment, writes its logs and gets the time. Defaults are the real process.</summary>
public sealed record LambdaHostOptions
{
    /// <summary>The environment to read (and to set <c>_X_AMZN_TRACE_ID</c> in). The default is the process environment.</summary>
    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    /// <summary>Where log lines go. The default (null) is stdout.</summary>
    public Stream? LogOutput { get; init; }

    /// <summary>The clock for deadlines and log timestamps. The default is the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
