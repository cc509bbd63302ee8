using Microsoft.Extensions.Logging;
using Stomp;

namespace LocalPipeline.Tracking;

/// <summary>
/// Looks at a queue's messages without consuming them: an ActiveMQ STOMP subscription with <c>browser:true</c>,
/// which delivers a copy of each message and then one with <c>browser:end</c>.
/// </summary>
internal static class QueueBrowser
{
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> BrowseAsync(Uri broker, string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var found = new List<IReadOnlyDictionary<string, string>>();
        var client = await StompClient.ConnectAsync(new StompClientOptions { Endpoint = broker }, logger, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var subscription = await client.SubscribeAsync("/queue/" + queue, new StompSubscribeOptions
            {
                AckMode = StompAckMode.Auto,
                Headers = [new("browser", "true")],
            }, cancellationToken).ConfigureAwait(false);
            await using (subscription.ConfigureAwait(false))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await foreach (var message in subscription.ReadAllAsync(timeout.Token).ConfigureAwait(false))
                {
                    if (message.Headers.GetValueOrDefault("browser") == "end")
                    {
                        break;
                    }

                    var headers = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (key, value) in message.Headers)
                    {
                        headers.TryAdd(key, value);
                    }

                    found.Add(headers);
                }
            }
        }

        return found;
    }
}
