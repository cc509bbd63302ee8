namespace Stomp.IntegrationTests.TestHelpers;

/// <summary>
/// One broker for all STOMP integration tests: users, a read-only and a write-only user, DLQ.&lt;queue&gt;
/// dead letters, and stomp+ssl with a certificate naming only <c>localhost</c> (so 127.0.0.1 is a wrong host name).
/// </summary>
public sealed class StompBrokerFixture : ActiveMqFixture
{
    public const string User = "app";
    public const string Password = "apppw";
    public const string ReadOnlyUser = "reader";
    public const string WriteOnlyUser = "writer";

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
        // ActiveMQ unions the groups of every matching entry, so refusals come from users lacking a right on ">".
        Users =
        [
            new BrokerUser(User, Password),
            new BrokerUser(ReadOnlyUser, Password, "readers"),
            new BrokerUser(WriteOnlyUser, Password, "writers"),
        ],
        Authorization =
        [
            "queue:>:users,readers:users,writers:users,readers,writers",
            "topic:>:users,readers,writers:users,readers,writers:users,readers,writers",
        ],
        DeadLetterQueuePrefix = "DLQ.",
        StompSsl = true,
        SslSubjectAltNames = "dns:localhost",
    };
}
