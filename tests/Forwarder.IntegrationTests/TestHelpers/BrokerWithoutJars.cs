using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Testing.ActiveMq;

namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>
/// A broker as Debian's package runs it out of the box: WITHOUT the xstream/jettison jars in its lib/, so STOMP
/// transformations and advisories drop the connection. scripts/broker.sh always links the jars, so this starts the
/// java launcher itself, with the configuration broker.sh wrote for <paramref name="template"/> (stopped first).
/// </summary>
internal sealed partial class BrokerWithoutJars : IAsyncDisposable
{
    private readonly Process _process;

    private BrokerWithoutJars(Process process, Uri stomp, Uri openWire)
    {
        _process = process;
        StompUri = stomp;
        OpenWireUri = openWire;
    }

    public Uri StompUri { get; }

    public Uri OpenWireUri { get; }

    public static async Task<BrokerWithoutJars> StartAsync(ActiveMqBroker template, CancellationToken cancellationToken)
    {
        await template.StopAsync(cancellationToken);
        var dir = template.DataDir;
        foreach (var jar in Directory.GetFiles(Path.Combine(dir, "lib"), "*.jar"))
        {
            File.Delete(jar);
        }

        var log = Path.Combine(dir, "data", "console.log");
        File.Delete(log);
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"""
            exec java -Xms64m -Xmx256m --add-reads=java.xml=java.logging --add-opens java.base/java.security=ALL-UNNAMED \
              --add-opens java.base/java.net=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
              --add-opens java.naming/javax.naming.spi=ALL-UNNAMED --add-opens java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED \
              --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED \
              -Djava.awt.headless=true -Djava.io.tmpdir='{dir}/tmp' -Djava.security.auth.login.config='{dir}/conf/login.config' \
              -Dactivemq.classpath='{dir}/conf' -Dactivemq.home=/usr/share/activemq -Dactivemq.base='{dir}' -Dactivemq.conf='{dir}/conf' \
              -Dactivemq.data='{dir}/data' -jar /usr/share/activemq/bin/activemq.jar start 'xbean:file:{dir}/conf/activemq.xml' >'{log}' 2>&1 </dev/null
            """));
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start java");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!File.Exists(log) || !Started().IsMatch(await File.ReadAllTextAsync(log, cancellationToken)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the broker without jars did not start; see {log}");
            }

            await Task.Delay(200, cancellationToken);
        }

        var text = await File.ReadAllTextAsync(log, cancellationToken);
        return new BrokerWithoutJars(process, new Uri("stomp://127.0.0.1:" + Port(text, "stomp")), new Uri("tcp://127.0.0.1:" + Port(text, "tcp")));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    private static string Port(string log, string scheme) =>
        ListeningAt().Matches(log).First(m => m.Groups[1].Value == scheme).Groups[2].Value;

    [GeneratedRegex(@"Apache ActiveMQ .* started")]
    private static partial Regex Started();

    [GeneratedRegex(@"Listening for connections at: (\w+)://localhost:(\d+)")]
    private static partial Regex ListeningAt();
}
