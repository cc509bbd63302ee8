namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>The legacy JMS producer (OpenWire, ActiveMQ's own client): <c>local/producer/producer.sh</c>.</summary>
internal static class LegacyProducer
{
    public static async Task SendAsync(Uri openWire, string queue, int count, CancellationToken cancellationToken)
    {
        var command = new ProcessCommand(
            "bash",
            [RepositoryRoot.File("local/producer/producer.sh"), "--url", openWire.ToString().TrimEnd('/'), "--queue", queue, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--poison-every", "0"]);
        var result = await ChildProcess.RunAsync(command, Timeout.InfiniteTimeSpan, cancellationToken);
        result.ThrowIfFailed("install the JDK with scripts/prereqs.sh if javac is missing");
    }
}
