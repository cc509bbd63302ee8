using System.Text;
using Stomp;

namespace Template.Tests;

/// <summary>
/// The template's authorization map on a real ActiveMQ: the forwarder may only write the consumed queue, Lambda may
/// only read it, redrive may only read its dead-letter queue and write it, the operator may read its dead-letter queue.
/// </summary>
public sealed class BrokerAuthorizationTests(BrokerConfigurationFixture broker) : IClassFixture<BrokerConfigurationFixture>
{
    private const string Forwarder = BrokerConfigurationFixture.ForwarderUser;
    private const string Lambda = BrokerConfigurationFixture.LambdaUser;
    private const string Admin = BrokerConfigurationFixture.AdminUser;
    private const string Redrive = BrokerConfigurationFixture.RedriveUser;

    [Fact]
    public async Task ForwarderSend_ConsumedQueue_LambdaUserReceivesIt()
    {
        var body = Encoding.UTF8.GetBytes($"order {Guid.NewGuid():N}");
        await using (var forwarder = await ConnectAsync(Forwarder, Ct))
        {
            await forwarder.SendAsync("/queue/" + broker.Queue, [], body, cancellationToken: Ct);
        }

        await using var lambda = await ConnectAsync(Lambda, Ct);
        await using var subscription = await lambda.SubscribeAsync("/queue/" + broker.Queue, cancellationToken: Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        StompMessage message;
        do
        {
            message = await subscription.Reader.ReadAsync(timeout.Token);
            await message.AckAsync(Ct);
        }
        while (!message.Body.Span.SequenceEqual(body)); // earlier runs' leftovers on this broker are drained on the way
    }

    [Theory]
    [InlineData(Lambda, "send", "orders")]
    [InlineData(Forwarder, "subscribe", "orders")]
    [InlineData(Forwarder, "send", "payments")]
    [InlineData(Lambda, "subscribe", "payments")]
    [InlineData(Forwarder, "subscribe", "DLQ.orders")]
    [InlineData(Lambda, "subscribe", "DLQ.orders")]
    [InlineData(Redrive, "subscribe", "orders")]
    [InlineData(Redrive, "send", "DLQ.orders")]
    [InlineData(Redrive, "send", "payments")]
    [InlineData(Redrive, "subscribe", "DLQ.payments")]
    public async Task User_OperationOutsideItsGrant_IsRefusedByTheBroker(string user, string operation, string queue)
    {
        Assert.Equal("orders", broker.Queue); // the cases above name the template's default queue
        await using var client = await ConnectAsync(user, Ct);

        var error = await Record.ExceptionAsync(() => RunAsync(client, operation, "/queue/" + queue, Ct));

        Assert.True(
            error is StompErrorException,
            $"the broker let {user} {operation} queue {queue}: the template's authorization map grants more than intended"
            + (error is null ? "" : $" (failed otherwise: {error})"));
        Assert.Contains("not authorized", error!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    // The admin: any queue.
    [InlineData(Admin, "subscribe", "DLQ.orders")]
    [InlineData(Admin, "send", "payments")]
    // The redrive user: a dead-letter queue and the queue it belongs to.
    [InlineData(Redrive, "subscribe", "DLQ.orders")]
    [InlineData(Redrive, "send", "orders")]
    public async Task User_OperationWithinItsGrant_IsAllowed(string user, string operation, string queue)
    {
        await using var client = await ConnectAsync(user, Ct);

        await RunAsync(client, operation, "/queue/" + queue, Ct);
    }

    private Task<StompClient> ConnectAsync(string user, CancellationToken ct) => broker.ConnectAsync(user, ct);

    private static async Task RunAsync(StompClient client, string operation, string destination, CancellationToken ct)
    {
        if (operation == "send")
        {
            await client.SendAsync(destination, [], "x"u8.ToArray(), cancellationToken: ct);
        }
        else
        {
            await using var subscription = await client.SubscribeAsync(destination, cancellationToken: ct);
        }
    }
}
