namespace Functions.Framework.Processing;

/// <summary>Counts by outcome for one invocation: logged, and returned as the invocation's response.</summary>
internal sealed record BatchSummary(int Total, int Processed, int Skipped, int DeadLettered, int Retry, long DurationMs);
