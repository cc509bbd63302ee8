using System.Globalization;

namespace Forwarder.Redrive;

/// <summary>Counts what a redrive did and prints it: each message in a dry run, a progress line every so many moves, a summary.</summary>
internal sealed class RedriveProgress(TextWriter output, bool dryRun, int every)
{
    public int Examined { get; private set; }

    public int Moved { get; private set; }

    public void Saw() => Examined++;

    public async Task MovedAsync(RedriveMessage message, CancellationToken cancellationToken)
    {
        Moved++;
        if (dryRun)
        {
            var kind = message.WithContentLength ? "bytes" : "text";
            var sent = message.Candidate.SentAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "unknown";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"would move {message.Candidate.MessageId} (origin {message.Candidate.OriginId ?? "-"}) to {message.Candidate.Queue}: {kind}, {message.Body.Length} bytes, sent {sent}").AsMemory(), cancellationToken);
        }
        else if (every > 0 && Moved % every == 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"redrive: {Moved} moved, {Examined} examined so far").AsMemory(), cancellationToken);
        }
    }

    public Task SkippedAsync(string id, string reason, CancellationToken cancellationToken) =>
        output.WriteLineAsync(("redrive: left " + id + " where it is: " + reason).AsMemory(), cancellationToken);

    public Task SummaryAsync(string from, CancellationToken cancellationToken)
    {
        var line = dryRun
            ? string.Create(CultureInfo.InvariantCulture, $"redrive: dry run: {Moved} message(s) would move from {from}; {Examined} examined, nothing moved")
            : string.Create(CultureInfo.InvariantCulture, $"redrive: moved {Moved} message(s) from {from}; {Examined} examined, {Examined - Moved} left where they were");
        return output.WriteLineAsync(line.AsMemory(), cancellationToken);
    }
}
