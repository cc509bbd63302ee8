using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Forwarder.Redrive;

namespace Forwarder.Cli;

/// <summary>The options every <c>forwarder redrive</c> source takes: the broker to send to, and the selection.</summary>
internal sealed class RedriveOptions
{
    public const string PasswordVariable = "FORWARDER_REDRIVE_PASSWORD";

    public BrokerClientOptions Connection { get; } = new(
        "Broker the messages go back to: stomp://host:61613 or stomp+ssl://host:61614", "Broker user (the template's redrive user on the cloud broker)", PasswordVariable);

    public Option<string?> Queue { get; } = new("--queue", "-q") { Description = "Only messages going back to this queue" };

    public Option<string[]> Id { get; } = new("--id") { Description = "Only this message: its fwd_origin_id or its message id; repeatable" };

    public Option<TimeSpan?> OlderThan { get; } = new("--older-than") { Description = "Only messages sent at least this long ago (e.g. 90s, 30m, 12h, 2d)", CustomParser = Duration };

    public Option<TimeSpan?> NewerThan { get; } = new("--newer-than") { Description = "Only messages sent at most this long ago (e.g. 90s, 30m, 12h, 2d)", CustomParser = Duration };

    public Option<int?> Max { get; } = new("--max", "-n") { Description = "Move at most this many" };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "List what would move; move nothing" };

    public Option<int> ProgressEvery { get; } = new("--progress-every") { Description = "Print a progress line every this many moves (0: none)", DefaultValueFactory = _ => 100 };

    public void AddTo(Command command)
    {
        foreach (var option in Connection.All.Concat([Queue, Id, OlderThan, NewerThan, Max, DryRun, ProgressEvery]))
        {
            command.Options.Add(option);
        }
    }

    public RedriveSelection Selection(ParseResult parse, string? queue = null) => new()
    {
        Queue = queue ?? parse.GetValue(Queue),
        Ids = new HashSet<string>(parse.GetValue(Id) ?? [], StringComparer.Ordinal),
        OlderThan = parse.GetValue(OlderThan),
        NewerThan = parse.GetValue(NewerThan),
        Max = parse.GetValue(Max),
    };

    /// <summary><c>90s</c>, <c>30m</c>, <c>12h</c>, <c>2d</c>, or a .NET time span (<c>1.02:00:00</c>).</summary>
    private static TimeSpan? Duration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        var unit = text.Length > 0 ? text[^1] : ' ';
        TimeSpan? value = unit is 's' or 'm' or 'h' or 'd' && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) }
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
        if (value is null)
        {
            result.AddError($"'{text}' is not a duration such as 90s, 30m, 12h or 2d");
        }

        return value;
    }
}
