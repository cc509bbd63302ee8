namespace LocalPipeline.Stages;

/// <summary>A private ActiveMQ broker started with scripts/broker.sh (loopback, free ports, its own folder).</summary>
internal sealed class LocalBroker
{
    private readonly string _script;

    private LocalBroker(string script, string name, string directory, Uri stomp, Uri openWire)
    {
        _script = script;
        Name = name;
        Directory = directory;
        StompUri = stomp;
        OpenWireUri = openWire;
    }

    public string Name { get; }

    public string Directory { get; }

    public Uri StompUri { get; }

    public Uri OpenWireUri { get; }

    public static async Task<LocalBroker> StartAsync(string repositoryRoot, string name, string directory, IEnumerable<string> options, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "scripts", "broker.sh");
        await Script.RunAsync(script, ["start", directory, "--name", name, .. options], cancellationToken).ConfigureAwait(false);
        var env = (await File.ReadAllLinesAsync(Path.Combine(directory, "ports.env"), cancellationToken).ConfigureAwait(false))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new LocalBroker(script, name, directory, new Uri(env["STOMP_URI"]), new Uri(env["OPENWIRE_URI"]));
    }

    /// <summary>SIGTERM (clean KahaDB shutdown), SIGKILL after 30 s.</summary>
    public Task StopAsync() => Script.RunAsync(_script, ["stop", Directory, "30"], CancellationToken.None);
}
