namespace Functions.Framework;

/// <summary>What a handler decided about a message: processed, or poison (dead-lettered with a reason).</summary>
public sealed record HandlerResult
{
    private HandlerResult(string? poisonReason) => PoisonReason = poisonReason;

    /// <summary>The message was processed.</summary>
    public static HandlerResult Processed { get; } = new((string?)null);

    /// <summary>Why the message can never be processed; null when it was processed.</summary>
    public string? PoisonReason { get; }

    /// <summary>The message can never be processed: dead-letter it with <paramref name="reason"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null, empty or white space.</exception>
    public static HandlerResult Poison(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new HandlerResult(reason);
    }
}
