namespace Forwarder.IntegrationTests.TestHelpers;

internal static class Messages
{
    /// <summary>Sends <paramref name="count"/> persistent text messages, each confirmed by a receipt.</summary>
    public static async Task SendAsync(ActiveMqBroker broker, string queue, int count, CancellationToken cancellationToken, string prefix = "m")
    {
        await using var client = await broker.ConnectStompAsync(cancellationToken);
        var sends = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            sends.Add(client.SendAsync("/queue/" + queue, [new("persistent", "true"), new("seq", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], System.Text.Encoding.UTF8.GetBytes($"{prefix}-{i}"), cancellationToken: cancellationToken));
            if (sends.Count == 500)
            {
                await Task.WhenAll(sends);
                sends.Clear();
            }
        }

        await Task.WhenAll(sends);
    }

    /// <summary>Waits until the queue holds <paramref name="expected"/> messages, failing with the agent's output.</summary>
    public static async Task WaitForCountAsync(ActiveMqBroker broker, string queue, long expected, AgentProcess? agent, CancellationToken cancellationToken, int seconds = 60)
    {
        try
        {
            await broker.Queues.WaitForCountAsync(queue, expected, TimeSpan.FromSeconds(seconds), cancellationToken);
        }
        catch (TimeoutException ex) when (agent is not null)
        {
            throw new TimeoutException($"{ex.Message}\n--- agent stdout ---\n{agent.StdOut}\n--- agent stderr ---\n{agent.StdErr}", ex);
        }
    }

    /// <summary>Waits until the agent's stdout holds <paramref name="text"/>, for at most <paramref name="seconds"/>; returns either way.</summary>
    public static async Task WaitForOutputAsync(AgentProcess agent, string text, CancellationToken cancellationToken, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!agent.StdOut.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    public static string Text(StompMessage m) => System.Text.Encoding.UTF8.GetString(m.Body.Span);
}
