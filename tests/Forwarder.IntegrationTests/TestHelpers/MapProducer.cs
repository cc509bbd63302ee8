using System.Diagnostics;
using Testing;

namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>Compiles and runs <c>Java/MapProducer.java</c> against Debian's ActiveMQ client jars (OpenWire).</summary>
internal static class MapProducer
{
    private static readonly string[] Jars = ["activemq-client", "geronimo-jms_1.1_spec", "geronimo-j2ee-management-1.1-spec", "hawtbuf", "slf4j-api", "slf4j-nop"];

    public static async Task SendAsync(Uri openWire, string queue, CancellationToken cancellationToken)
    {
        var classPath = string.Join(':', Jars.Select(j => $"/usr/share/java/{j}.jar"));
        var output = Path.Combine(Path.GetTempPath(), "fwd-it-java");
        Directory.CreateDirectory(output);
        await RunAsync("javac", ["-nowarn", "-d", output, "-cp", classPath, RepositoryRoot.File("tests/Forwarder.IntegrationTests/Java/MapProducer.java")], cancellationToken);
        await RunAsync("java", ["-cp", $"{output}:{classPath}", "MapProducer", openWire.ToString().TrimEnd('/'), queue], cancellationToken);
    }

    private static async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}; install the JDK with scripts/prereqs.sh");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}); scripts/prereqs.sh installs the JDK and ActiveMQ jars:\n{await stdout}\n{await stderr}");
        }
    }
}
