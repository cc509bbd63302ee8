using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// Does the broker have the xstream/jettison jars that STOMP <c>transformation</c> needs? Without them ActiveMQ
/// drops the connection on such a SUBSCRIBE, so the question is asked on a throwaway connection,
/// subscribing to a topic nobody publishes on.
/// </summary>
internal static class TransformationProbe
{
    private const string ProbeTopic = "/topic/Forwarder.TransformationProbe";

    public static async Task<bool> IsAvailableAsync(StompClient probe, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = await probe.SubscribeAsync(
                ProbeTopic,
                new StompSubscribeOptions { AckMode = StompAckMode.Auto, Headers = [new("transformation", "jms-json")] },
                cancellationToken);
            await subscription.UnsubscribeAsync(cancellationToken);
            return true;
        }
        catch (StompConnectionException)
        {
            return false;
        }
    }
}
