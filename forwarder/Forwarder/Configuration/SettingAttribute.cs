namespace Forwarder.Configuration;

/// <summary>
/// What a <see cref="ForwarderOptions"/> setting means and where else than the configuration it can be given. The
/// CLI help and the command-line and short-variable parsing are built from these (<see cref="ForwarderSetting"/>).
/// </summary>
/// <param name="description">The meaning, as the CLI help shows it.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>The command-line option, e.g. <c>--batch-size</c>; null when the command line does not take it.</summary>
    public string? Option { get; set; }

    /// <summary>The short environment variable, e.g. <c>FORWARDER_BATCH_SIZE</c>; a list takes comma-separated values.</summary>
    public string? EnvVar { get; set; }

    /// <summary>The setting this one stands in for when given on the command line or by its variable: it is cleared then.</summary>
    public string? Replaces { get; set; }

    /// <summary>A former name of the setting, still read from the configuration when the current name is absent.</summary>
    public string? Alias { get; set; }
}
