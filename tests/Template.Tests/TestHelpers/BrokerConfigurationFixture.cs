using System.Text.Json;
using System.Xml.Linq;
using Harness.ActiveMq;
using Stomp;
using Testing.ActiveMq;

namespace Template.Tests.TestHelpers;

/// <summary>
/// A real ActiveMQ broker started with the template's broker configuration (its authorization entries for the default
/// parameters, and its destination policy as broker.sh reads it) and the template's users in their groups — what Amazon MQ builds
/// from <c>BrokerConfiguration</c> and <c>Broker.Users</c>. Local passwords stand in for the generated secrets.
/// </summary>
public sealed class BrokerConfigurationFixture : ActiveMqFixture
{
    /// <summary>The template's broker users: the forwarder, the Lambda event source, forwarder redrive, the operator.</summary>
    public const string ForwarderUser = "forwarder";
    public const string RedriveUser = "redrive";
    public const string LambdaUser = "lambda";
    public const string AdminUser = "mqadmin";

    /// <summary>ActiveMQ's configuration namespace: the template's <c>&lt;broker&gt;</c> and every <c>activemq.xml</c>.</summary>
    public static readonly XNamespace Core = "http://activemq.apache.org/schema/core";

    private BrokerOptions? _options;

    /// <summary>The queue the template's event source mapping consumes (<c>QueueName</c>).</summary>
    public string Queue { get; private set; } = "";

    /// <summary>Template user name → its group, e.g. <c>forwarder</c> → <c>forwarders</c>.</summary>
    public IReadOnlyDictionary<string, string> Users { get; private set; } = new Dictionary<string, string>();

    /// <summary>The template's <c>BrokerConfiguration</c> XML, its substitutions resolved for the default parameters.</summary>
    public XDocument Configuration { get; private set; } = new();

    public static string PasswordOf(string user) => $"local-{user}-password";

    public override async ValueTask InitializeAsync()
    {
        ProcessRunner.RequireTool("python3");
        var result = await ProcessRunner.RunAsync(
            "python3", ["scripts/template_checks.py", "broker-config"], null, CancellationToken.None);
        result.AssertExitCode(0, "Could not read the template's broker configuration.");
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Queue = root.GetProperty("queue").GetString()!;
        var users = root.GetProperty("users").EnumerateArray()
            .Select(u => (Name: u.GetProperty("name").GetString()!, Groups: u.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToList()))
            .ToList();
        Users = users.ToDictionary(u => u.Name, u => string.Join(',', u.Groups));
        var xml = Configuration = XDocument.Parse(root.GetProperty("xml").GetString()!);

        _options = new BrokerOptions
        {
            Name = "template-config",
            Users = [.. users.Select(u => new BrokerUser(u.Name, PasswordOf(u.Name), string.Join(',', u.Groups)))],
            Authorization = [.. xml.Descendants(Core + "authorizationEntry").Select(ToAuthorizationOption)],
            TemplateDestinationPolicy = true,
        };
        await base.InitializeAsync();
    }

    /// <summary>Connects as the template user <paramref name="user"/> with its local password.</summary>
    public Task<StompClient> ConnectAsync(string user, CancellationToken cancellationToken)
    {
        Assert.True(Users.ContainsKey(user), $"the template defines no broker user {user}; it has {string.Join(", ", Users.Keys)}");
        return StompClient.ConnectAsync(Broker.StompOptions(user, PasswordOf(user)), null, cancellationToken);
    }

    protected override BrokerOptions CreateOptions() => _options ?? throw new InvalidOperationException("options not read yet");

    /// <summary>scripts/broker.sh's <c>--authz KIND:PATTERN:READ:WRITE:ADMIN</c> for one entry.</summary>
    private static string ToAuthorizationOption(XElement entry)
    {
        var kind = entry.Attribute("queue") is not null ? "queue" : "topic";
        return string.Join(
            ':', kind, entry.Attribute(kind)!.Value, entry.Attribute("read")!.Value, entry.Attribute("write")!.Value, entry.Attribute("admin")!.Value);
    }
}
