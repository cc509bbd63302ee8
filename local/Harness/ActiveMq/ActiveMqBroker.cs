using System.Collections.Concurrent;
using Stomp;

namespace Harness.ActiveMq;

/// <summary>
/// A real ActiveMQ broker (Debian's package) in its own folder, started through <c>scripts/broker.sh</c> on free
/// loopback ports. Restarts keep the ports and the KahaDB data, so clients can reconnect to the same URIs.
/// </summary>
public sealed partial class ActiveMqBroker : IAsyncDisposable
{
    // Brokers run under setsid and would outlive a crashed host; kill whatever is left when the host exits.
    private static readonly ConcurrentDictionary<ActiveMqBroker, byte> Live = new();

    private readonly BrokerOptions _options;
    private readonly string _root;
    private readonly int? _jmxPort;
    private readonly (int OpenWire, int Stomp)? _fixedPorts;
    private BrokerPorts? _ports;
    private int _pid;

    static ActiveMqBroker() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var broker in Live.Keys)
        {
            broker.KillNow();
        }
    };

    private ActiveMqBroker(BrokerOptions options, string directory)
    {
        _options = options;
        _root = options.RepositoryRoot ?? RepositoryRoot.Path;
        _jmxPort = options.Jmx ? FreePort.Loopback() : null;
        _fixedPorts = options.SharedStore is null ? null : (FreePort.Loopback(), FreePort.Loopback());
        DataDir = directory;
    }

    public string Name => _options.Name;

    public BrokerOptions Options => _options;

    /// <summary>The broker folder: <c>conf/</c>, <c>data/</c> (KahaDB, <c>console.log</c>), <c>ssl/</c>, <c>ports.env</c>.</summary>
    public string DataDir { get; }

    public string ConsoleLog => Path.Combine(DataDir, "data", "console.log");

    /// <summary><c>stomp://127.0.0.1:PORT</c>.</summary>
    public Uri StompUri => Ports.StompUri;

    /// <summary><c>tcp://127.0.0.1:PORT</c> (OpenWire, e.g. for a network connector).</summary>
    public Uri OpenWireUri => Ports.OpenWireUri;

    /// <summary><c>stomp+ssl://localhost:PORT</c> when <see cref="BrokerOptions.StompSsl"/> is set.</summary>
    public Uri? StompSslUri => Ports.StompSslUri;

    /// <summary>PEM of the broker's self-signed certificate (the CA file a TLS client trusts).</summary>
    public string? CaCertificateFile => Ports.CaCertificateFile;

    public string? JmxUrl => Ports.JmxUrl;

    /// <summary>Counts, browses and drains queues of this broker over STOMP (as its first configured user).</summary>
    public QueueInspector Queues => new(this);

    public bool IsRunning => _pid != 0;

    /// <summary>
    /// The last start found the <see cref="BrokerOptions.SharedStore"/> locked: the broker waits as the standby, its
    /// connectors closed, and takes over (opening them on its URIs) when the other broker stops.
    /// </summary>
    public bool StartedAsStandby => Ports.Standby;

    /// <summary>The broker JVM's process id (0 when stopped).</summary>
    public int ProcessId => _pid;

    private BrokerPorts Ports => _ports ?? throw new InvalidOperationException($"broker '{Name}' has not started");

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

    /// <summary>Starts a new broker. Fails (never skips) with the install hint when ActiveMQ is missing.</summary>
    public static async Task<ActiveMqBroker> StartAsync(BrokerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = options.Directory ?? Path.Combine(Path.GetTempPath(), "amq-tests", $"{options.Name}-{Guid.NewGuid():N}");
        var broker = new ActiveMqBroker(options, dir);
        await broker.LaunchAsync(cancellationToken);
        return broker;
    }

    /// <summary>Starts the stopped or killed broker again with the same ports, configuration and data.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"broker '{Name}' is already running");
        }

        return LaunchAsync(cancellationToken);
    }

    /// <summary>Clean stop (SIGTERM) then start with the same ports and data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await LaunchAsync(cancellationToken);
    }

    /// <summary>SIGTERM (clean KahaDB shutdown), SIGKILL after 30 s.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => EndAsync(["stop", DataDir, "30"], cancellationToken);

    /// <summary>SIGKILL: a crash. KahaDB recovers on the next start.</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) => EndAsync(["kill", DataDir], cancellationToken);

    /// <summary>Stops the broker; a folder the broker made for itself is deleted unless <c>KEEP_BROKER_DIRS=1</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        // A paused broker would ignore the SIGTERM of the clean stop.
        await ResumeAsync(CancellationToken.None);
        await StopAsync(CancellationToken.None);
        if (_options.Directory is null && Environment.GetEnvironmentVariable("KEEP_BROKER_DIRS") != "1")
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

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        await RunScriptAsync(BrokerArguments.Start(_options, DataDir, _root, _jmxPort, _ports, _fixedPorts), cancellationToken);
        _ports = BrokerPorts.Read(DataDir);
        _pid = _ports.ProcessId;
        ProcessRecords.Add(_pid);
        Live.TryAdd(this, 0);
    }

    private async Task EndAsync(List<string> args, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        await RunScriptAsync(args, cancellationToken);
        ProcessRecords.Remove(_pid);
        _pid = 0;
        Live.TryRemove(this, out _);
    }

    private async Task RunScriptAsync(List<string> args, CancellationToken cancellationToken)
    {
        var command = new ProcessCommand("bash", [Path.Combine(_root, "scripts", "broker.sh"), .. args]) { WorkingDirectory = _root };
        var result = await ChildProcess.RunAsync(command, Timeout.InfiniteTimeSpan, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/broker.sh {args[0]} for broker '{Name}' failed (exit {result.ExitCode}): {result.StdErr.Trim()}");
        }
    }
}
