using System.CommandLine;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Forwarder.Configuration;
using Forwarder.Redrive;
using Microsoft.Extensions.Logging.Abstractions;
using Stomp;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Cli;

/// <summary>
/// <c>forwarder redrive sqs|parking|dlq</c>: moves dead-lettered messages back after a fix — the functions' SQS dead
/// letters to the cloud queue, the on-prem parking queue to each message's original queue, the cloud broker's
/// <c>DLQ.&lt;queue&gt;</c> to <c>&lt;queue&gt;</c>. A message leaves its dead-letter store only after the target's
/// RECEIPT for its copy.
/// </summary>
internal static class RedriveCommand
{
    public static Command Create()
    {
        var command = new Command("redrive", "Move dead-lettered messages back to their queue after a fix (SQS dead letters, the on-prem parking queue, the cloud DLQ.<queue>).");
        command.Subcommands.Add(Sqs());
        command.Subcommands.Add(Parking());
        command.Subcommands.Add(Dlq());
        return command;
    }

    private static Command Sqs()
    {
        var options = new RedriveOptions();
        var queueUrl = new Option<string>("--queue-url") { Description = "The SQS dead-letter queue (the stack's DeadLetterQueueUrl output)", Required = true };
        var targetQueue = new Option<string?>("--target-queue") { Description = "Send to this queue instead of the one each message was dead-lettered from" };
        var command = new Command("sqs", "SQS dead letters (bodies from S3 where claim-checked) back to the cloud queue. AWS: the SDK's default chain; AWS_ENDPOINT_URL_SQS / _S3 override the endpoints.");
        options.AddTo(command);
        command.Options.Add(queueUrl);
        command.Options.Add(targetQueue);
        command.SetAction((parse, ct) => RunAsync(options, parse, async (client, progress, dryRun) =>
        {
            using var sqs = new AmazonSQSClient(new AmazonSQSConfig());
            using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = EndpointOverridden("AWS_ENDPOINT_URL_S3") });
            var url = parse.GetValue(queueUrl)!;
            await new SqsRedrive(sqs, new SqsDeadLetterReader(s3), client, options.Selection(parse), TimeProvider.System)
                .RunAsync(url, parse.GetValue(targetQueue), progress, dryRun, ct);
            return url;
        }, ct));
        return command;
    }

    private static Command Parking()
    {
        var options = new RedriveOptions();
        var parkingQueue = new Option<string>("--parking-queue")
        {
            Description = $"The forwarder's ParkingQueue setting; {ForwarderOptions.QueuePlaceholder} stands for --queue",
            DefaultValueFactory = _ => new ForwarderOptions().ParkingQueue,
        };
        var command = new Command("parking", "The on-prem parking queue back to each message's original queue (fwd_origin_queue, else --queue).");
        options.AddTo(command);
        command.Options.Add(parkingQueue);
        command.SetAction((parse, ct) =>
        {
            var (pattern, queue) = (parse.GetValue(parkingQueue)!, parse.GetValue(options.Queue));
            if (pattern.Contains(ForwarderOptions.QueuePlaceholder, StringComparison.Ordinal) && queue is null)
            {
                return UsageAsync(parse, $"--queue is required: the parking queue '{pattern}' names it");
            }

            var source = new ForwarderOptions { ParkingQueue = pattern }.ParkingQueueFor(queue ?? "");
            return RunAsync(options, parse, (client, progress, dryRun) => RunBrokerAsync(
                client, options.Selection(parse), source, m => m.Headers.GetValueOrDefault(Provenance.OriginQueue) ?? queue ?? "", progress, dryRun, ct), ct);
        });
        return command;
    }

    private static Command Dlq()
    {
        var options = new RedriveOptions();
        var prefix = new Option<string>("--dlq-prefix") { Description = "The broker's individualDeadLetterStrategy queuePrefix", DefaultValueFactory = _ => "DLQ." };
        var command = new Command("dlq", "The cloud broker's DLQ.<queue> back to <queue> (--queue is required).");
        options.AddTo(command);
        command.Options.Add(prefix);
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(options.Queue) is not { } queue)
            {
                return UsageAsync(parse, "--queue is required: it names the queue whose dead-letter queue is redriven");
            }

            return RunAsync(options, parse, (client, progress, dryRun) =>
                RunBrokerAsync(client, options.Selection(parse), parse.GetValue(prefix) + queue, _ => queue, progress, dryRun, ct), ct);
        });
        return command;
    }

    private static async Task<string> RunBrokerAsync(StompClient client, RedriveSelection selection, string source, Func<StompMessage, string> targetOf,
        RedriveProgress progress, bool dryRun, CancellationToken cancellationToken)
    {
        await new BrokerRedrive(client, selection, TimeProvider.System).RunAsync(source, targetOf, progress, dryRun, TimeSpan.FromSeconds(3), cancellationToken);
        return source;
    }

    /// <summary>Connects to the broker, runs <paramref name="redrive"/> (which returns where it read from), prints the summary.</summary>
    private static async Task<int> RunAsync(RedriveOptions options, ParseResult parse, Func<StompClient, RedriveProgress, bool, Task<string>> redrive,
        CancellationToken cancellationToken)
    {
        if (options.Connection.Endpoint(parse) is not { } endpoint)
        {
            return await UsageAsync(parse, options.Connection.BrokerProblem(parse));
        }

        StompClientOptions clientOptions;
        try
        {
            clientOptions = options.Connection.ClientOptions(parse, endpoint);
        }
        catch (IOException ex)
        {
            return await UsageAsync(parse, $"--password-file: {ex.Message}");
        }

        var dryRun = parse.GetValue(options.DryRun);
        var progress = new RedriveProgress(parse.InvocationConfiguration.Output, dryRun, parse.GetValue(options.ProgressEvery));
        try
        {
            await using var client = await StompClient.ConnectAsync(clientOptions, NullLogger.Instance, cancellationToken);
            var from = await redrive(client, progress, dryRun);
            await progress.SummaryAsync(from, cancellationToken);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is StompException or IOException or AmazonServiceException or AmazonClientException)
        {
            // What was moved stays moved; the message being moved stays in its dead-letter store.
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"forwarder redrive: {ex.GetType().Name}: {ex.Message} (after moving {progress.Moved}; the rest stays where it was)");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> UsageAsync(ParseResult parse, string problem)
    {
        await parse.InvocationConfiguration.Error.WriteLineAsync($"forwarder redrive {parse.CommandResult.Command.Name}: {problem}");
        return ExitCodes.Configuration;
    }

    private static bool EndpointOverridden(string variable) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
}
