using System.Globalization;

namespace Forwarder.Configuration;

/// <summary>A TCP port, where 0 means off.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TcpPortAttribute : SettingRuleAttribute
{
    protected override string? Problem(object? value) =>
        value is int port && port is < 0 or > 65535
            ? string.Create(CultureInfo.InvariantCulture, $"{port} is not a TCP port (0 turns the endpoint off)")
            : null;
}
