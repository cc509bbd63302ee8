using System.Xml.Linq;
using Harness.ActiveMq;
using Stomp;
using Testing.ActiveMq;

namespace Template.Tests.TestHelpers;

/// <summary>
/// A real ActiveMQ broker started with the template's broker configuration (its authorization entries for the default
/// parameters, and its destination policy as broker.sh reads it) and the template's users in their groups — what Amazon MQ builds
/// from <c>BrokerConfiguration</c> and <c>Broker.Users</c> (<see cref="TemplateBroker"/>). Local passwords stand in for the generated secrets.
/// </summary>
public sealed class BrokerConfigurationFixture : ActiveMqFixture
{
    /// <summary>The template's broker users: the forwarder, the Lambda event source, forwarder redrive, the operator.</summary>
    public const string ForwarderUser = "forwarder";
    public const string RedriveUser = "redrive";
    public const string LambdaUser = "lambda";
    public const string AdminUser = "mqadmin";

    /// <summary>ActiveMQ's configuration namespace: the template's <c>&lt;broker&gt;</c> and every <c>activemq.xml</c>.</summary>
    public static readonly XNamespace Core = TemplateBroker.Core;

    private TemplateBroker? _template;

    /// <summary>The queue the template's event source mapping consumes (<c>QueueName</c>).</summary>
    public string Queue => Template.Queue;

    /// <summary>Template user name → its group, e.g. <c>forwarder</c> → <c>forwarders</c>.</summary>
    public IReadOnlyDictionary<string, string> Users => Template.Users;

    /// <summary>The template's <c>BrokerConfiguration</c> XML, its substitutions resolved for the default parameters.</summary>
    public XDocument Configuration => Template.Configuration;

    private TemplateBroker Template => _template ?? throw new InvalidOperationException("the template is not read yet");

    public static string PasswordOf(string user) => $"local-{user}-password";

    public override async ValueTask InitializeAsync()
    {
        ProcessRunner.RequireTool("python3");
        _template = await TemplateBroker.ReadAsync(CancellationToken.None);
        await base.InitializeAsync();
    }

    /// <summary>Connects as the template user <paramref name="user"/> with its local password.</summary>
    public Task<StompClient> ConnectAsync(string user, CancellationToken cancellationToken)
    {
        Assert.True(Users.ContainsKey(user), $"the template defines no broker user {user}; it has {string.Join(", ", Users.Keys)}");
        return StompClient.ConnectAsync(Broker.StompOptions(user, PasswordOf(user)), null, cancellationToken);
    }

    protected override BrokerOptions CreateOptions() => Template.Options("template-config", PasswordOf);
}
