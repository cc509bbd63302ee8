using System.CommandLine;
using System.Diagnostics;
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
    public static Command Create()
    {
        var broker = new Option<string>("--broker", "-b") { Description = "Broker URI: stomp://host:61613 or stomp+ssl://host:61614", Required = true };
        var queue = new Option<string>("--queue", "-q") { Description = "Queue name", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "How many messages", DefaultValueFactory = _ => 1 };
        var text = new Option<string?>("--text") { Description = "Text body ({n} is replaced by the sequence number); a JMS TextMessage" };
        var bytesHex = new Option<string?>("--bytes-hex") { Description = "Bytes body as hex, e.g. 00ff10; a JMS BytesMessage" };
        var file = new Option<FileInfo?>("--file") { Description = "Body from a file, sent as bytes" };
        var size = new Option<int?>("--size") { Description = "Text body of this many bytes ('x' repeated) when --text is not given" };
        var header = new Option<string[]>("--header", "-H") { Description = "Header or property NAME=VALUE; repeatable (e.g. correlation-id=c1, priority=7, myProp=v)" };
        var user = new Option<string?>("--user") { Description = "User name" };
        var passwordFile = new Option<string?>("--password-file") { Description = "File holding the password (env FORWARDER_SEND_PASSWORD otherwise)" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM CA certificate for stomp+ssl" };
        var nonPersistent = new Option<bool>("--non-persistent") { Description = "Send without persistent:true (the broker then keeps it in memory only)" };
        var command = new Command("send", "Send test messages to a queue over STOMP, each confirmed by a RECEIPT.")
        {
            broker, queue, count, text, bytesHex, file, size, header, user, passwordFile, caFile, nonPersistent,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            if (!BrokerEndpoint.TryParse(parse.GetValue(broker), out var endpoint))
            {
                await error.WriteLineAsync($"forwarder send: --broker: '{parse.GetValue(broker)}' is not a stomp:// or stomp+ssl:// URI");
                return ExitCodes.Configuration;
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var h in parse.GetValue(header) ?? [])
            {
                var eq = h.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await error.WriteLineAsync($"forwarder send: --header: '{h}' is not NAME=VALUE");
                    return ExitCodes.Configuration;
                }

                headers.Add(new(h[..eq], h[(eq + 1)..]));
            }

            if (!parse.GetValue(nonPersistent))
            {
                headers.Add(new("persistent", "true"));
            }

            var asBytes = parse.GetValue(bytesHex) is not null || parse.GetValue(file) is not null;
            byte[]? fixedBody = parse.GetValue(bytesHex) is { } hex ? Convert.FromHexString(hex)
                : parse.GetValue(file) is { } f ? await File.ReadAllBytesAsync(f.FullName, cancellationToken)
                : null;
            var template = parse.GetValue(text) ?? new string('x', parse.GetValue(size) ?? 16);
            var password = parse.GetValue(passwordFile) is { } pf ? SecretReader.Read(null, pf) : Environment.GetEnvironmentVariable("FORWARDER_SEND_PASSWORD");

            var options = new StompClientOptions
            {
                Endpoint = new Uri(endpoint.ToString()),
                Login = parse.GetValue(user),
                Passcode = password,
                CaCertificateFile = parse.GetValue(caFile),
            };
            try
            {
                await using var client = await StompClient.ConnectAsync(options, NullLogger.Instance, cancellationToken);
                var n = parse.GetValue(count);
                var watch = Stopwatch.StartNew();
                var inFlight = new List<Task>();
                for (var i = 1; i <= n; i++)
                {
                    var body = fixedBody ?? ModifiedUtf8.FromUtf8(Encoding.UTF8.GetBytes(template.Replace("{n}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
                    inFlight.Add(client.SendAsync("/queue/" + parse.GetValue(queue), headers, body, new StompSendOptions { Receipt = true, ContentLength = asBytes }, cancellationToken));
                    if (inFlight.Count >= 500)
                    {
                        await Task.WhenAll(inFlight);
                        inFlight.Clear();
                    }
                }

                await Task.WhenAll(inFlight);
                var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sent {n} message(s) to {parse.GetValue(queue)} on {endpoint} in {seconds:0.000} s ({n / seconds:0} msg/s)"));
                return ExitCodes.Ok;
            }
            catch (StompException ex)
            {
                await error.WriteLineAsync($"forwarder send: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
