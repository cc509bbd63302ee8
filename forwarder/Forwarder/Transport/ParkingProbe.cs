using Forwarder.Configuration;
using Microsoft.Extensions.Logging;
using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// At start, proves the agent may write its parking queues on the source broker without leaving a message: a SEND
/// with a receipt inside a transaction (ActiveMQ authorises, and creates the queue, when the SEND arrives, not at
/// COMMIT), then ABORT; the queue may be created empty, as the first park would. Only the parking queues of named
/// includes are known before their messages arrive.
/// </summary>
internal static class ParkingProbe
{
    public static async Task CheckAsync(ForwarderOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var queues = options.CreateFilter().Includes.Where(i => !i.HasWildcard).Select(i => options.ParkingQueueFor(i.Text)).Distinct().ToList();
        if (queues.Count == 0)
        {
            return;
        }

        var clientOptions = StompClientFactory.Source(options);
        var client = await StompClientFactory.ConnectAsync(clientOptions, loggers, time, cancellationToken);
        await using (client)
        {
            foreach (var queue in queues)
            {
                var transaction = await client.BeginAsync(cancellationToken);
                await using (transaction)
                {
                    try
                    {
                        await transaction.SendAsync("/queue/" + queue, [new("fwd_probe", "true")], "probe"u8.ToArray(), new StompSendOptions { Receipt = true }, cancellationToken);
                    }
                    catch (StompErrorException ex)
                    {
                        throw new ForwarderConfigurationException(
                            $"the agent may not write its parking queue '{queue}' on the source broker {clientOptions.Endpoint} " +
                            $"({(string.IsNullOrEmpty(ex.ErrorMessage) ? ex.Message : ex.ErrorMessage)}): a message that cannot be forwarded " +
                            "could not be kept; grant the source user write and create rights on it, or set ParkingQueue",
                            ex);
                    }

                    await transaction.AbortAsync(cancellationToken);
                }
            }
        }
    }
}
