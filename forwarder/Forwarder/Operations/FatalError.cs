namespace Forwarder.Operations;

/// <summary>Set when the agent stopped itself because retrying cannot help; the CLI turns it into exit code 2.</summary>
internal sealed class FatalError
{
    private string? _message;

    public string? Message => Volatile.Read(ref _message);

    public void Set(string message) => Interlocked.CompareExchange(ref _message, message, null);
}
