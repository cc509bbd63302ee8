using System.Text.Json;
using System.Xml.Linq;

namespace Harness.ActiveMq;

/// <summary>
/// The broker template.yaml creates, as <c>scripts/template_checks.py broker-config</c> resolves it for the default
/// parameters: the consumed queue, the users in their groups and the <c>BrokerConfiguration</c> XML. <see cref="Options"/>
/// turns it into a local broker — what Amazon MQ builds from <c>BrokerConfiguration</c> and <c>Broker.Users</c>.
/// </summary>
public sealed record TemplateBroker(string Queue, IReadOnlyDictionary<string, string> Users, XDocument Configuration)
{
    /// <summary>ActiveMQ's configuration namespace: the template's <c>&lt;broker&gt;</c> and every <c>activemq.xml</c>.</summary>
    public static readonly XNamespace Core = "http://activemq.apache.org/schema/core";

    public static async Task<TemplateBroker> ReadAsync(CancellationToken cancellationToken)
    {
        var command = new ProcessCommand("python3", ["scripts/template_checks.py", "broker-config"]) { WorkingDirectory = RepositoryRoot.Path };
        var result = (await ChildProcess.RunAsync(command, TimeSpan.FromMinutes(2), cancellationToken))
            .ThrowIfFailed("Could not read the template's broker configuration (python3 and scripts/prereqs.sh's tools needed).");
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        var users = root.GetProperty("users").EnumerateArray().ToDictionary(
            u => u.GetProperty("name").GetString()!,
            u => string.Join(',', u.GetProperty("groups").EnumerateArray().Select(g => g.GetString())));
        return new(root.GetProperty("queue").GetString()!, users, XDocument.Parse(root.GetProperty("xml").GetString()!));
    }

    /// <summary>
    /// A broker with the template's authorization entries, destination policy and users; <paramref name="passwordOf"/>
    /// stands in for the generated secrets.
    /// </summary>
    public BrokerOptions Options(string name, Func<string, string> passwordOf) => new()
    {
        Name = name,
        Users = [.. Users.Select(u => new BrokerUser(u.Key, passwordOf(u.Key), u.Value))],
        Authorization = [.. Configuration.Descendants(Core + "authorizationEntry").Select(ToAuthorizationOption)],
        TemplateDestinationPolicy = true,
    };

    /// <summary>scripts/broker.sh's <c>--authz KIND:PATTERN:READ:WRITE:ADMIN</c> for one entry.</summary>
    private static string ToAuthorizationOption(XElement entry)
    {
        var kind = entry.Attribute("queue") is not null ? "queue" : "topic";
        return string.Join(
            ':', kind, entry.Attribute(kind)!.Value, entry.Attribute("read")!.Value, entry.Attribute("write")!.Value, entry.Attribute("admin")!.Value);
    }
}
