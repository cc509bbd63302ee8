namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>Compiles and runs the JMS producers in <c>Java/</c> against Debian's ActiveMQ client jars (OpenWire).</summary>
internal static class MapProducer
{
    private const string Hint = "scripts/prereqs.sh installs the JDK and ActiveMQ jars";
    private static readonly string[] Jars = ["activemq-client", "geronimo-jms_1.1_spec", "geronimo-j2ee-management-1.1-spec", "hawtbuf", "slf4j-api", "slf4j-nop"];

    /// <summary><c>Java/MapProducer.java</c>: a map, an object, an empty text and a text message.</summary>
    public static Task SendAsync(Uri openWire, string queue, CancellationToken cancellationToken) =>
        RunAsync("MapProducer", openWire, queue, cancellationToken);

    /// <summary>Runs <c>Java/&lt;className&gt;.java</c> with the broker URL and the queue as arguments.</summary>
    public static Task RunAsync(string className, Uri openWire, string queue, CancellationToken cancellationToken) =>
        RunAsync(className, openWire, queue, [], cancellationToken);

    /// <summary>As above, with <paramref name="arguments"/> after the queue (e.g. a mode the class knows).</summary>
    public static async Task RunAsync(string className, Uri openWire, string queue, string[] arguments, CancellationToken cancellationToken)
    {
        var classPath = string.Join(':', Jars.Select(j => $"/usr/share/java/{j}.jar"));
        var output = Path.Combine(Path.GetTempPath(), "fwd-it-java");
        Directory.CreateDirectory(output);
        // The source path lets javac compile what the producer uses (QueueProducer.java) along with it.
        var sources = RepositoryRoot.File("tests/Forwarder.IntegrationTests/Java");
        var compile = new ProcessCommand("javac", ["-nowarn", "-d", output, "-cp", classPath, "-sourcepath", sources, Path.Combine(sources, $"{className}.java")]);
        (await ChildProcess.RunAsync(compile, Timeout.InfiniteTimeSpan, cancellationToken)).ThrowIfFailed(Hint);
        var run = new ProcessCommand("java", ["-cp", $"{output}:{classPath}", className, openWire.ToString().TrimEnd('/'), queue, .. arguments]);
        (await ChildProcess.RunAsync(run, Timeout.InfiniteTimeSpan, cancellationToken)).ThrowIfFailed(Hint);
    }
}
