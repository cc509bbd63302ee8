using System.Globalization;
using LocalPipeline.Stages;
using LocalPipeline.Tracking;

namespace LocalPipeline.Reporting;

/// <summary>
/// What the pipeline shows while it runs: time-stamped steps, and the counts per stage, redrawn in place on a
/// terminal or as plain lines (only when they change) otherwise. Called from the runner and its monitor loop.
/// </summary>
internal sealed class ConsoleView(TextWriter console, int messages, bool live)
{
    private readonly long _started = Environment.TickCount64;
    private readonly Lock _lock = new();
    private string _lastLive = "";
    private bool _onStatusLine;

    public void Step(string text)
    {
        lock (_lock)
        {
            // Leave a redrawn status line standing rather than writing over it.
            console.WriteLine((_onStatusLine ? Environment.NewLine : "") + Stamp() + text);
            _onStatusLine = false;
        }
    }

    public void Live(PipelineCounts c, bool force)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"sent {c.Sent}/{messages} | forwarded {c.Forwarded} | invoked {c.Invoked} ({c.Invocations} calls, {c.FailedInvocations} failed) | processed {c.Processed} | dead-lettered {c.DeadLettered} (sqs {c.DeadLetteredSqs}, dlq {c.DeadLetteredBroker}, parked {c.Parked})")
            + (c.Others == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" | yours: {c.Others} seen, {c.OthersProcessed} processed, {c.OthersDeadLettered} dead-lettered"));
        lock (_lock)
        {
            if (line == _lastLive && !force)
            {
                return;
            }

            _lastLive = line;
            if (live)
            {
                // Redraw the one status line in place (carriage return, erase line).
                console.Write("\r\u001b[2K" + Stamp() + line);
                _onStatusLine = true;
            }
            else
            {
                console.WriteLine(Stamp() + line);
            }
        }
    }

    public void KeepRunningHelp(LocalBroker onprem, LocalBroker cloud, Moto moto, string queue)
    {
        console.WriteLine();
        console.WriteLine("The pipeline keeps running. Send your own messages to the on-prem broker, e.g.:");
        console.WriteLine($"  local/producer/producer.sh --url {onprem.OpenWireUri.ToString().TrimEnd('/')} --queue {queue} --count 5 --run mine");
        console.WriteLine($"  local/producer/producer.sh --url {onprem.OpenWireUri.ToString().TrimEnd('/')} --queue {queue} --count 1 --only text --body '{{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[{{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":2}}]}}'");
        console.WriteLine($"  (any JMS/OpenWire client works: onprem {onprem.OpenWireUri}, STOMP {onprem.StompUri}; cloud {cloud.StompUri})");
        console.WriteLine($"  the function's log: {Path.Combine(Path.GetDirectoryName(onprem.Directory)!, "function.log")}");
        console.WriteLine($"  SQS dead letters: AWS_ACCESS_KEY_ID={Moto.AccessKey} AWS_SECRET_ACCESS_KEY={Moto.SecretKey} aws --endpoint-url {moto.Endpoint} sqs receive-message --queue-url {moto.DeadLetterQueueUrl}");
        console.WriteLine("Ctrl-C stops everything.");
    }

    private string Stamp() => string.Create(CultureInfo.InvariantCulture, $"[{(Environment.TickCount64 - _started) / 1000.0,6:0.0}s] ");
}
