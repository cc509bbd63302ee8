namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>A function stand-in: answers with <c>outcome(event)</c> and records every event it was given.</summary>
internal sealed class ScriptedInvoker(Func<JsonElement, InvocationOutcome> outcome) : IFunctionInvoker
{
    public ConcurrentQueue<(string MessageId, bool Redelivered)> Deliveries { get; } = new();

    public int Invocations => _invocations;

    private int _invocations;

    public Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        using var json = JsonDocument.Parse(payload);
        foreach (var m in json.RootElement.GetProperty("messages").EnumerateArray())
        {
            Deliveries.Enqueue((m.GetProperty("messageID").GetString()!, m.GetProperty("redelivered").GetBoolean()));
        }

        var result = outcome(json.RootElement);
        return Task.FromResult(new InvocationResult(result, result == InvocationOutcome.Success ? null : "scripted failure", TimeSpan.Zero));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
