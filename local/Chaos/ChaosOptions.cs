namespace LocalChaos;

/// <summary>What one run of the fault suite does. Parsed from the command line by <see cref="ChaosArguments"/>.</summary>
internal sealed record ChaosOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary>The published function (scripts/chaos.sh passes it).</summary>
    public required string BootstrapPath { get; init; }

    /// <summary>The CI subset, smaller and with shorter faults (at most 10 minutes in all); else the full run (at most 30).</summary>
    public bool Quick { get; init; }

    /// <summary>Run only these cases (by name); every case of the chosen run when empty.</summary>
    public IReadOnlyList<string> Cases { get; init; } = [];

    /// <summary>Only list the cases.</summary>
    public bool ListOnly { get; init; }

    /// <summary>Where each case's brokers and logs go (one folder per case); a new temp folder when null.</summary>
    public string? WorkDirectory { get; init; }
}
