using System.Diagnostics.CodeAnalysis;

namespace Forwarder.Configuration;

/// <summary>One STOMP listener of a broker: <c>stomp://host:port</c> or <c>stomp+ssl://host:port</c>.</summary>
internal sealed record BrokerEndpoint(string Host, int Port, bool UseTls)
{
    public override string ToString() => $"{(UseTls ? "stomp+ssl" : "stomp")}://{Host}:{Port}";

    /// <summary>Parses one URI; query strings (e.g. <c>?maxReconnectDelay=5000</c>) are accepted and ignored.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BrokerEndpoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var tls = uri.Scheme switch
        {
            "stomp" or "stomp+nio" => false,
            "stomp+ssl" or "stomp+nio+ssl" => true,
            _ => (bool?)null,
        };
        if (tls is null || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls.Value ? 61614 : 61613) : uri.Port;
        endpoint = new BrokerEndpoint(uri.Host, port, tls.Value);
        return true;
    }

    /// <summary>
    /// Splits a target setting into URIs: a plain URI, or <c>static:(a,b)</c> / <c>masterslave:(a,b)</c> /
    /// <c>failover:(a,b)</c> with an optional query after the parenthesis (ignored).
    /// </summary>
    public static IReadOnlyList<string> SplitList(string text)
    {
        var t = text.Trim();
        foreach (var prefix in (string[])["static:", "masterslave:", "failover:"])
        {
            if (!t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var open = t.IndexOf('(', StringComparison.Ordinal);
            var close = t.LastIndexOf(')');
            var inner = open >= 0 && close > open ? t[(open + 1)..close] : t[prefix.Length..];
            return inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
