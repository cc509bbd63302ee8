using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Stomp;

namespace Testing.ActiveMq;

/// <summary>
/// A real ActiveMQ broker (Debian's package) in a private temp folder, started through <c>scripts/broker.sh</c> on
/// free loopback ports. Restarts keep the ports and the KahaDB data, so clients can reconnect to the same URIs.
/// </summary>
public sealed class ActiveMqBroker : IAsyncDisposable
{
    // Brokers run under setsid and would outlive a crashed test host; kill whatever is left when the host exits.
    private static readonly ConcurrentDictionary<ActiveMqBroker, byte> Live = new();

    private readonly BrokerOptions _options;
    private readonly int? _jmxPort;
    private int _pid;

    static ActiveMqBroker() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var broker in Live.Keys)
        {
            broker.KillNow();
        }
    };

    private ActiveMqBroker(BrokerOptions options, string directory, int? jmxPort)
    {
        _options = options;
        DataDir = directory;
        _jmxPort = jmxPort;
    }

    public string Name => _options.Name;

    public BrokerOptions Options => _options;

    /// <summary>The broker folder: <c>conf/</c>, <c>data/</c> (KahaDB, <c>console.log</c>), <c>ssl/</c>, <c>ports.env</c>.</summary>
    public string DataDir { get; }

    public string ConsoleLog => Path.Combine(DataDir, "data", "console.log");

    /// <summary><c>stomp://127.0.0.1:PORT</c>.</summary>
    public Uri StompUri { get; private set; } = null!;

    /// <summary><c>tcp://127.0.0.1:PORT</c> (OpenWire, e.g. for a network connector).</summary>
    public Uri OpenWireUri { get; private set; } = null!;

    /// <summary><c>stomp+ssl://localhost:PORT</c> when <see cref="BrokerOptions.StompSsl"/> is set.</summary>
    public Uri? StompSslUri { get; private set; }

    /// <summary>PEM of the broker's self-signed certificate (the CA file a TLS client trusts).</summary>
    public string? CaCertificateFile { get; private set; }

    public string? JmxUrl { get; private set; }

    /// <summary>Counts, browses and drains queues of this broker over STOMP (as its first configured user).</summary>
    public QueueInspector Queues => new(this);

    /// <summary>
    /// STOMP client options for this broker, logged in as <paramref name="login"/> or else the first configured user
    /// (anonymous when the broker has none).
    /// </summary>
    public StompClientOptions StompOptions(string? login = null, string? passcode = null)
    {
        var user = login is null && _options.Users.Count > 0 ? _options.Users[0] : null;
        return new StompClientOptions
        {
            Endpoint = StompUri,
            Login = login ?? user?.Name,
            Passcode = passcode ?? user?.Password,
        };
    }

    /// <summary>Connects a STOMP client; see <see cref="StompOptions"/> for the login used.</summary>
    public Task<StompClient> ConnectStompAsync(CancellationToken cancellationToken = default) =>
        StompClient.ConnectAsync(StompOptions(), null, cancellationToken);

    public bool IsRunning => _pid != 0;

    /// <summary>The broker JVM's process id (0 when stopped).</summary>
    public int ProcessId => _pid;

    /// <summary>Starts a new broker. Fails (never skips) with the install hint when ActiveMQ is missing.</summary>
    public static async Task<ActiveMqBroker> StartAsync(BrokerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.Combine(Path.GetTempPath(), "amq-tests", $"{options.Name}-{Guid.NewGuid():N}");
        var broker = new ActiveMqBroker(options, dir, options.Jmx ? FreePort.Loopback() : null);
        await broker.LaunchAsync(initial: true, cancellationToken);
        return broker;
    }

    /// <summary>Starts the stopped or killed broker again with the same ports, configuration and data.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"broker '{Name}' is already running");
        }

        return LaunchAsync(initial: false, cancellationToken);
    }

    /// <summary>Clean stop (SIGTERM) then start with the same ports and data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await LaunchAsync(initial: false, cancellationToken);
    }

    /// <summary>SIGTERM (clean KahaDB shutdown), SIGKILL after 30 s.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            return;
        }

        await RunAsync(["stop", DataDir, "30"], cancellationToken);
        _pid = 0;
        Live.TryRemove(this, out _);
    }

    /// <summary>SIGKILL: a crash. KahaDB recovers on the next start.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            return;
        }

        await RunAsync(["kill", DataDir], cancellationToken);
        _pid = 0;
        Live.TryRemove(this, out _);
    }

    /// <summary>
    /// SIGSTOP: the broker keeps its sockets open but answers nothing — a hung broker or a silent network, the case
    /// only heart-beats and receipt timeouts detect. Always <see cref="ResumeAsync"/> afterwards.
    /// </summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => SignalAsync("-STOP", cancellationToken);

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => SignalAsync("-CONT", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // A paused broker would ignore the SIGTERM of the clean stop.
        await ResumeAsync(CancellationToken.None);
        await StopAsync(CancellationToken.None);
        if (Environment.GetEnvironmentVariable("KEEP_BROKER_DIRS") != "1")
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; never fail a test run over it.
            }
        }
    }

    public override string ToString() => $"{Name} ({StompUri}, {DataDir})";

    private async Task LaunchAsync(bool initial, CancellationToken cancellationToken)
    {
        var args = new List<string> { "start", DataDir, "--name", _options.Name, "--heap", _options.Heap };
        foreach (var u in _options.Users)
        {
            args.AddRange(["--user", $"{u.Name}:{u.Password}:{u.Groups}"]);
        }

        foreach (var a in _options.Authorization)
        {
            args.AddRange(["--authz", a]);
        }

        if (_options.MaximumRedeliveries is { } max)
        {
            args.AddRange(["--redelivery", FormattableString.Invariant($"{max}:{(long)_options.RedeliveryDelay.TotalMilliseconds}")]);
        }

        if (_options.SchedulerSupport)
        {
            args.Add("--scheduler");
        }

        if (_options.DeadLetterQueuePrefix is { } prefix)
        {
            args.AddRange(["--dlq-prefix", prefix]);
        }

        if (_options.Statistics)
        {
            args.Add("--statistics");
        }

        foreach (var nc in _options.NetworkConnectors)
        {
            args.AddRange(["--network-connector", nc]);
        }

        if (_options.StompSsl)
        {
            args.Add("--ssl");
            if (_options.SslSubjectAltNames is { } san)
            {
                args.AddRange(["--ssl-san", san]);
            }
        }

        if (_options.WithoutJars)
        {
            args.Add("--no-jars");
        }

        if (_jmxPort is { } jmx)
        {
            args.AddRange(["--jmx-port", jmx.ToString(CultureInfo.InvariantCulture)]);
        }

        if (!initial)
        {
            // Same ports as the first start, so clients reconnect to the URIs they were given.
            args.AddRange(["--openwire-port", OpenWireUri.Port.ToString(CultureInfo.InvariantCulture)]);
            args.AddRange(["--stomp-port", StompUri.Port.ToString(CultureInfo.InvariantCulture)]);
            if (StompSslUri is not null)
            {
                args.AddRange(["--stomp-ssl-port", StompSslUri.Port.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        await RunAsync(args, cancellationToken);
        ReadPorts();
        Live.TryAdd(this, 0);
    }

    private void ReadPorts()
    {
        var env = File.ReadAllLines(Path.Combine(DataDir, "ports.env"))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        _pid = int.Parse(env["BROKER_PID"], CultureInfo.InvariantCulture);
        StompUri = new Uri(env["STOMP_URI"]);
        OpenWireUri = new Uri(env["OPENWIRE_URI"]);
        StompSslUri = env.TryGetValue("STOMP_SSL_URI", out var ssl) ? new Uri(ssl) : null;
        CaCertificateFile = env.GetValueOrDefault("STOMP_SSL_CA_FILE");
        JmxUrl = env.GetValueOrDefault("JMX_URL");
    }

    private async Task RunAsync(List<string> args, CancellationToken cancellationToken)
    {
        var result = await ScriptRunner.RunAsync("scripts/broker.sh", args, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/broker.sh {args[0]} for broker '{Name}' failed (exit {result.ExitCode}): {result.StdErr.Trim()}");
        }
    }

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        using var kill = Process.Start("kill", [signal, _pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {_pid} (broker '{Name}') failed with exit code {kill.ExitCode}");
        }

        // Signals are delivered asynchronously; return only once the JVM is really (un)frozen.
        var stopped = signal == "-STOP";
        for (var i = 0; i < 100 && IsStopped() != stopped; i++)
        {
            await Task.Delay(20, cancellationToken);
        }

        if (IsStopped() != stopped)
        {
            throw new InvalidOperationException($"broker '{Name}' (pid {_pid}) did not {(stopped ? "stop" : "continue")} after kill {signal}");
        }
    }

    // State field of /proc/PID/stat: 'T' while stopped by a signal.
    private bool IsStopped()
    {
        var stat = File.ReadAllText($"/proc/{_pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
    }

    private void KillNow()
    {
        if (_pid == 0)
        {
            return;
        }

        try
        {
            using var p = Process.GetProcessById(_pid);
            p.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
