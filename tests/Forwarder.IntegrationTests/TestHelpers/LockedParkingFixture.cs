namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>
/// A pair whose on-prem broker lets the agent's user (<see cref="SourceUser"/>, group users) read and write
/// <c>Orders.&gt;</c> only: it may not write the default parking queues <c>DLQ.Orders.…</c>.
/// </summary>
public sealed class LockedParkingFixture() : BrokerPairFixture("parking")
{
    public const string SourceUser = "legacy";
    public const string SourcePassword = "legacypw";

    protected override BrokerOptions CreateOnPremOptions() => base.CreateOnPremOptions() with
    {
        Users = [new BrokerUser(AdminUser, AdminPassword, "admins,users"), new BrokerUser(SourceUser, SourcePassword)],
        // Forwarder.> topics: the agent's transformation probe.
        Authorization = ["queue:>:admins:admins:admins", "queue:Orders.>:users:users:users", "topic:Forwarder.>:users:users:users"],
    };
}
