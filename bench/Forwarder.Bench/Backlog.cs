using System.Diagnostics;
using Stomp;

namespace Forwarder.Bench;

/// <summary>Sends persistent text messages of a fixed size in STOMP transactions (one COMMIT receipt per batch).</summary>
internal static class Backlog
{
    /// <returns>Seconds from the first SEND to the last COMMIT receipt.</returns>
    public static async Task<double> SendAsync(StompClientOptions options, string queue, int count, int size, int batch, CancellationToken cancellationToken)
    {
        await using var client = await StompClient.ConnectAsync(options, null, cancellationToken);
        var body = new byte[size];
        Array.Fill(body, (byte)'x');
        KeyValuePair<string, string>[] headers = [new("persistent", "true")];
        var watch = Stopwatch.StartNew();
        for (var sent = 0; sent < count;)
        {
            var transaction = await client.BeginAsync(cancellationToken);
            var n = Math.Min(batch, count - sent);
            var writes = new Task[n];
            for (var i = 0; i < n; i++)
            {
                writes[i] = transaction.SendAsync("/queue/" + queue, headers, body, cancellationToken: cancellationToken);
            }

            await Task.WhenAll(writes);
            await transaction.CommitAsync(cancellationToken);
            sent += n;
        }

        return watch.Elapsed.TotalSeconds;
    }
}
