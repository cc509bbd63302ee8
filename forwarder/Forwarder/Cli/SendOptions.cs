using System.CommandLine;

namespace Forwarder.Cli;

/// <summary>The options of <c>forwarder send</c>.</summary>
internal sealed class SendOptions
{
    public BrokerClientOptions Connection { get; } = new("Broker URI: stomp://host:61613 or stomp+ssl://host:61614", "User name", "FORWARDER_SEND_PASSWORD");

    public Option<string> Queue { get; } = new("--queue", "-q") { Description = "Queue name", Required = true };

    public Option<int> Count { get; } = new("--count", "-n") { Description = "How many messages", DefaultValueFactory = _ => 1 };

    public Option<string?> Text { get; } = new("--text") { Description = "Text body ({n} is replaced by the sequence number); a JMS TextMessage" };

    public Option<string?> BytesHex { get; } = new("--bytes-hex") { Description = "Bytes body as hex, e.g. 00ff10; a JMS BytesMessage" };

    public Option<FileInfo?> File { get; } = new("--file") { Description = "Body from a file, sent as bytes" };

    public Option<int?> Size { get; } = new("--size") { Description = "Text body of this many bytes ('x' repeated) when --text is not given" };

    public Option<string[]> Header { get; } = new("--header", "-H") { Description = "Header or property NAME=VALUE; repeatable (e.g. correlation-id=c1, priority=7, myProp=v)" };

    public Option<bool> NonPersistent { get; } = new("--non-persistent") { Description = "Send without persistent:true (the broker then keeps it in memory only)" };

    public SendOptions()
    {
        // Bad values are parse errors: one line naming the option, exit code 2, before anything connects.
        Count.Validators.Add(r => BrokerClientOptions.Check(r, r.GetValueOrDefault<int>() >= 1, "must be at least 1"));
        Size.Validators.Add(r => BrokerClientOptions.Check(r, r.GetValueOrDefault<int?>() is null or >= 0, "must not be negative"));
        BytesHex.Validators.Add(r => BrokerClientOptions.Check(r, IsHex(r.GetValueOrDefault<string?>()), "is not hex, two digits per byte (e.g. 00ff10)"));
        File.Validators.Add(r => BrokerClientOptions.Check(r, r.GetValueOrDefault<FileInfo?>() is not { } f || f.Exists, "is not an existing file"));
    }

    public void AddTo(Command command)
    {
        foreach (var option in Connection.All.Concat([Queue, Count, Text, BytesHex, File, Size, Header, NonPersistent]))
        {
            command.Options.Add(option);
        }
    }

    private static bool IsHex(string? text) => text is null || (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit));
}
