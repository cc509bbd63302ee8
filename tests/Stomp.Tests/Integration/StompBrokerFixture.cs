using Testing.ActiveMq;

namespace Stomp.Tests.Integration;

/// <summary>
/// One broker for all STOMP integration tests: users, an authorization map (Forbidden.* needs admins), DLQ.&lt;queue&gt;
/// dead letters, and stomp+ssl with a certificate naming only <c>localhost</c> (so 127.0.0.1 is a wrong host name).
/// </summary>
public sealed class StompBrokerFixture : ActiveMqFixture
{
    public const string User = "app";
    public const string Password = "apppw";

    public StompClientOptions ClientOptions => new()
    {
        Endpoint = Broker.StompUri,
        Login = User,
        Passcode = Password,
    };

    public Task<StompClient> ConnectAsync(CancellationToken ct) => StompClient.ConnectAsync(ClientOptions, null, ct);

    protected override BrokerOptions CreateOptions() => new()
    {
        Name = "stomp-tests",
        Users = [new BrokerUser(User, Password), new BrokerUser("admin", "adminpw", "admins,users")],
        Authorization =
        [
            "queue:>:users:users:users",
            "queue:Forbidden.>:admins:admins:admins",
            "topic:>:users:users:users",
        ],
        DeadLetterQueuePrefix = "DLQ.",
        StompSsl = true,
        SslSubjectAltNames = "dns:localhost",
    };
}
