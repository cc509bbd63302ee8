namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>Compiles and runs <c>Java/MapProducer.java</c> against Debian's ActiveMQ client jars (OpenWire).</summary>
internal static class MapProducer
{
    private const string Hint = "scripts/prereqs.sh installs the JDK and ActiveMQ jars";
    private static readonly string[] Jars = ["activemq-client", "geronimo-jms_1.1_spec", "geronimo-j2ee-management-1.1-spec", "hawtbuf", "slf4j-api", "slf4j-nop"];

    public static async Task SendAsync(Uri openWire, string queue, CancellationToken cancellationToken)
    {
        var classPath = string.Join(':', Jars.Select(j => $"/usr/share/java/{j}.jar"));
        var output = Path.Combine(Path.GetTempPath(), "fwd-it-java");
        Directory.CreateDirectory(output);
        var compile = new ProcessCommand("javac", ["-nowarn", "-d", output, "-cp", classPath, RepositoryRoot.File("tests/Forwarder.IntegrationTests/Java/MapProducer.java")]);
        (await ChildProcess.RunAsync(compile, Timeout.InfiniteTimeSpan, cancellationToken)).ThrowIfFailed(Hint);
        var run = new ProcessCommand("java", ["-cp", $"{output}:{classPath}", "MapProducer", openWire.ToString().TrimEnd('/'), queue]);
        (await ChildProcess.RunAsync(run, Timeout.InfiniteTimeSpan, cancellationToken)).ThrowIfFailed(Hint);
    }
}
