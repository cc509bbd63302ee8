namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>
/// The function's log group of <see cref="StackStandIn"/>, in moto's CloudWatch Logs: what the function prints is
/// delivered there once a second, as Lambda delivers a function's output, so the README's log query finds it.
/// </summary>
internal sealed class StandInLogGroup(StackStandIn stack, string directory)
{
    private const string Stream = "stand-in";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<(long Timestamp, string Message)> _pending = new();

    /// <summary>One line the function printed, delivered with the next batch.</summary>
    public void Add(string line) => _pending.Enqueue((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), line));

    /// <summary>Creates the group's stream, then delivers the lines printed until <paramref name="cancellationToken"/> ends.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await stack.AwsAsync(["logs", "create-log-stream", "--log-group-name", stack.FunctionLogGroup, "--log-stream-name", Stream], cancellationToken);
        var file = Path.Combine(directory, "log-events.json");
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = new List<Dictionary<string, object>>();
            while (_pending.TryDequeue(out var line))
            {
                events.Add(new() { ["timestamp"] = line.Timestamp, ["message"] = line.Message });
            }

            if (events.Count > 0)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(events), cancellationToken);
                await stack.AwsAsync(["logs", "put-log-events", "--log-group-name", stack.FunctionLogGroup, "--log-stream-name", Stream, "--log-events", "file://" + file], cancellationToken);
            }

            await Task.Delay(Every, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
