using System.Globalization;

namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>The legacy JMS producer (OpenWire, ActiveMQ's own client): <c>local/producer/producer.sh</c>.</summary>
internal static class LegacyProducer
{
    public static Task SendAsync(Uri openWire, string queue, int count, CancellationToken cancellationToken) =>
        SendAsync(openWire, queue, count, [], cancellationToken);

    /// <param name="openWire">The broker's OpenWire URI.</param>
    /// <param name="queue">The queue to send to.</param>
    /// <param name="count">How many messages.</param>
    /// <param name="extra">More producer arguments, e.g. <see cref="Property"/> or <c>--non-persistent</c>.</param>
    /// <param name="cancellationToken">Stops the producer.</param>
    public static async Task SendAsync(Uri openWire, string queue, int count, IEnumerable<string> extra, CancellationToken cancellationToken)
    {
        var command = new ProcessCommand(
            "bash",
            [RepositoryRoot.File("local/producer/producer.sh"), "--url", openWire.ToString().TrimEnd('/'), "--queue", queue, "--count", count.ToString(CultureInfo.InvariantCulture), "--poison-every", "0", .. extra]);
        var result = await ChildProcess.RunAsync(command, Timeout.InfiniteTimeSpan, cancellationToken);
        result.ThrowIfFailed("install the JDK with scripts/prereqs.sh if javac is missing");
    }

    /// <summary>A String JMS property set on every message, after the producer's own, so it can take any name.</summary>
    public static string[] Property(string name, string value) => ["--property", $"{name}={value}"];
}
