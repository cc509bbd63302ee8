using System.Diagnostics;
using Testing;

namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>The legacy JMS producer (OpenWire, ActiveMQ's own client): <c>local/producer/producer.sh</c>.</summary>
internal static class LegacyProducer
{
    public static async Task SendAsync(Uri openWire, string queue, int count, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[RepositoryRoot.File("local/producer/producer.sh"), "--url", openWire.ToString().TrimEnd('/'), "--queue", queue, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--poison-every", "0"])
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local/producer/producer.sh failed ({process.ExitCode}); install the JDK with scripts/prereqs.sh if javac is missing:\n{await stdout}\n{await stderr}");
        }
    }
}
