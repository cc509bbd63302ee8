namespace LocalRuntime;

/// <summary>Settings of a <see cref="LocalRuntimeServer"/>.</summary>
public sealed record LocalRuntimeOptions
{
    /// <summary>Lambda's synchronous response limit as RIE enforces it: 6 MiB plus 100 bytes.</summary>
    public const int DefaultMaxResponseBytes = 6 * 1024 * 1024 + 100;

    /// <summary>The loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>A larger response is refused with 413 and fails the invocation with <c>Function.ResponseSizeTooLarge</c>.</summary>
    public int MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>The clock for deadlines. The default is the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
