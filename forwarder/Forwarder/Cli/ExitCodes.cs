namespace Forwarder.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A broker could not be reached or refused something (verify, send); run: a failure stopped the agent.</summary>
    public const int Failure = 1;

    /// <summary>The configuration is invalid; the message names the setting.</summary>
    public const int Configuration = 2;
}
