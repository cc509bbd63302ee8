using System.Globalization;
using Harness;

namespace Forwarder.Bench;

/// <summary>
/// The legacy producer (<c>local/producer/producer.sh</c>: ActiveMQ's own JMS client, synchronous persistent sends)
/// sending good text messages of a fixed size.
/// </summary>
internal static class LegacyProducerRun
{
    /// <param name="rate">Messages per second to pace at; 0 sends as fast as the broker confirms.</param>
    /// <returns>The producer's rate, messages per second of its send loop (JVM start-up not counted).</returns>
    public static async Task<double> SendAsync(Uri openWire, string queue, int count, int size, double rate, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            RepositoryRoot.File("local/producer/producer.sh"), "--url", openWire.ToString().TrimEnd('/'), "--queue", queue,
            "--count", Invariant(count), "--size", Invariant(size), "--rate", rate.ToString("0.#", CultureInfo.InvariantCulture),
            "--only", "text", "--poison-every", "0", "--non-persistent-every", "0",
        ];
        var result = await ChildProcess.RunAsync(new ProcessCommand("bash", arguments), TimeSpan.FromMinutes(10), cancellationToken);
        result.ThrowIfFailed("install the JDK with scripts/prereqs.sh if javac is missing");
        var done = result.StdOut.Split('\n').Single(l => l.StartsWith("DONE ", StringComparison.Ordinal));
        var seconds = double.Parse(done[(done.IndexOf("seconds=", StringComparison.Ordinal) + "seconds=".Length)..], CultureInfo.InvariantCulture);
        return count / seconds;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
