namespace LocalEventSource.Invocation;

/// <summary>The function as <c>template.yaml</c> describes it: what runs, and the environment Lambda would give it.</summary>
internal sealed record FunctionOptions
{
    /// <summary>The published <c>bootstrap</c> executable (scripts/publish-functions.sh).</summary>
    public required string BootstrapPath { get; init; }

    /// <summary><c>Handler:</c>, passed as <c>_HANDLER</c>, e.g. <c>orders</c> or <c>echo</c>.</summary>
    public required string Handler { get; init; }

    public string FunctionName { get; init; } = "local-function";

    public int MemorySizeMb { get; init; } = 512;

    /// <summary><c>Timeout:</c>; a longer invocation fails, and its environment is killed and replaced. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public string Region { get; init; } = "us-east-1";

    /// <summary><c>Environment: Variables:</c> plus credentials, e.g. <c>DEAD_LETTER_QUEUE_URL</c>, <c>AWS_ENDPOINT_URL</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string FunctionArn => $"arn:aws:lambda:{Region}:000000000000:function:{FunctionName}";

    /// <summary>Throws naming the problem when the bootstrap cannot be run.</summary>
    public void Validate()
    {
        if (!File.Exists(BootstrapPath))
        {
            throw new FileNotFoundException($"the function's bootstrap '{BootstrapPath}' does not exist: publish it with scripts/publish-functions.sh", BootstrapPath);
        }

        if (string.IsNullOrWhiteSpace(Handler))
        {
            throw new ArgumentException("Handler (_HANDLER) is required, e.g. 'orders' or 'echo'", nameof(Handler));
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(15))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be between 0 and 15 minutes (Lambda's limit)");
        }
    }
}
