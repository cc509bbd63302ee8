namespace Forwarder.Configuration;

/// <summary>The configuration cannot work against this broker; retrying would not help, so the agent stops.</summary>
internal sealed class ForwarderConfigurationException : Exception
{
    public ForwarderConfigurationException()
    {
    }

    public ForwarderConfigurationException(string message)
        : base(message)
    {
    }

    public ForwarderConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
