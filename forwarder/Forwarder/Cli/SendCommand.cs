using System.CommandLine;
using System.Globalization;
using System.Text;
using Contract.Text;
using Forwarder.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Stomp;

namespace Forwarder.Cli;

/// <summary><c>forwarder send</c>: a test producer over STOMP (text or bytes, headers and properties, a count).</summary>
internal static class SendCommand
{
    // Sends issued before waiting for their receipts; bounds the tasks the command holds.
    private const int Window = 500;

    public static Command Create()
    {
        var options = new SendOptions();
        var command = new Command("send", "Send test messages to a queue over STOMP, each confirmed by a RECEIPT.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(options, parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SendOptions options, ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        if (options.Connection.Endpoint(parse) is not { } endpoint)
        {
            await error.WriteLineAsync($"forwarder send: {options.Connection.BrokerProblem(parse)}");
            return ExitCodes.Configuration;
        }

        var (headers, badHeader) = Headers(options, parse);
        if (badHeader is not null)
        {
            await error.WriteLineAsync($"forwarder send: --header: '{badHeader}' is not NAME=VALUE");
            return ExitCodes.Configuration;
        }

        (Func<int, byte[]>, bool) bodies;
        StompClientOptions clientOptions;
        try
        {
            bodies = await BodiesAsync(options, parse, cancellationToken);
            clientOptions = options.Connection.ClientOptions(parse, endpoint);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that exists but cannot be read (or an empty password file).
            await error.WriteLineAsync($"forwarder send: {ex.Message}");
            return ExitCodes.Configuration;
        }

        try
        {
            await using var client = await StompClient.ConnectAsync(clientOptions, NullLogger.Instance, cancellationToken);
            var (queue, count) = (parse.GetValue(options.Queue), parse.GetValue(options.Count));
            var seconds = await SendAllAsync(client, "/queue/" + queue, headers, bodies, count, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sent {count} message(s) to {queue} on {endpoint} in {seconds:0.000} s ({count / seconds:0} msg/s)"));
            return ExitCodes.Ok;
        }
        catch (StompException ex)
        {
            await error.WriteLineAsync($"forwarder send: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            // The client options the broker was never tried with, e.g. a CA file that holds no certificate.
            await error.WriteLineAsync($"forwarder send: {ex.Message}");
            return ExitCodes.Configuration;
        }
    }

    /// <summary>The --header values as headers plus <c>persistent</c> unless --non-persistent, or the first value that is not NAME=VALUE.</summary>
    private static (List<KeyValuePair<string, string>> Headers, string? Bad) Headers(SendOptions options, ParseResult parse)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in parse.GetValue(options.Header) ?? [])
        {
            var eq = h.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return (headers, h);
            }

            headers.Add(new(h[..eq], h[(eq + 1)..]));
        }

        if (!parse.GetValue(options.NonPersistent))
        {
            headers.Add(new("persistent", "true"));
        }

        return (headers, null);
    }

    /// <summary>The body of message number n, and whether the messages are bytes (else text).</summary>
    private static async Task<(Func<int, byte[]> Body, bool AsBytes)> BodiesAsync(SendOptions options, ParseResult parse, CancellationToken cancellationToken)
    {
        var asBytes = parse.GetValue(options.BytesHex) is not null || parse.GetValue(options.File) is not null;
        byte[]? fixedBody = parse.GetValue(options.BytesHex) is { } hex ? Convert.FromHexString(hex)
            : parse.GetValue(options.File) is { } f ? await File.ReadAllBytesAsync(f.FullName, cancellationToken)
            : null;
        var template = parse.GetValue(options.Text) ?? new string('x', parse.GetValue(options.Size) ?? 16);
        return (n => fixedBody ?? ModifiedUtf8.FromUtf8(Encoding.UTF8.GetBytes(template.Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))), asBytes);
    }

    /// <summary>Sends <paramref name="count"/> messages, each confirmed by a RECEIPT; returns the seconds it took.</summary>
    private static async Task<double> SendAllAsync(
        StompClient client, string destination, List<KeyValuePair<string, string>> headers, (Func<int, byte[]> Body, bool AsBytes) bodies, int count, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var sendOptions = new StompSendOptions { Receipt = true, ContentLength = bodies.AsBytes };
        var inFlight = new List<Task>();
        for (var i = 1; i <= count; i++)
        {
            inFlight.Add(client.SendAsync(destination, headers, bodies.Body(i), sendOptions, cancellationToken));
            if (inFlight.Count >= Window)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);
        return Math.Max(TimeProvider.System.GetElapsedTime(started).TotalSeconds, 1e-6);
    }
}
