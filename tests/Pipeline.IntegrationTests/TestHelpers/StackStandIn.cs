using System.Security.Cryptography;
using Harness;
using Harness.ActiveMq;
using Harness.Moto;
using LocalEventSource;

namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>
/// A local stand-in of the deployed stack, for the README's quick start: a broker built from template.yaml's broker
/// configuration and users (<see cref="TemplateBroker"/>, STOMP+SSL as Amazon MQ serves it), each user's password
/// generated into its own secret in moto's Secrets Manager as the template does, and the stack outputs as the JSON
/// file <c>sam list stack-outputs --output json</c> prints. The function's dead-letter queue and idempotency table are
/// in moto; <see cref="StartFunction"/> runs the function behind the stack's event source mapping.
/// </summary>
internal sealed class StackStandIn : IAsyncDisposable
{
    public const string StackName = "mq-bridge";

    private readonly Dictionary<string, string> _passwords;

    private StackStandIn(TemplateBroker template, Dictionary<string, string> passwords, MotoServer moto)
    {
        Template = template;
        _passwords = passwords;
        Moto = moto;
    }

    public TemplateBroker Template { get; }

    public MotoServer Moto { get; }

    /// <summary>The stack's broker; its users and authorization are the template's.</summary>
    public ActiveMqBroker Broker { get; private set; } = null!;

    /// <summary>The outputs, <c>[{"OutputKey": …, "OutputValue": …, "Description": …}]</c>.</summary>
    public string OutputsFile { get; private set; } = "";

    /// <summary>The stack's <c>BrokerArn</c>: the event source's <c>eventSourceArn</c>.</summary>
    public string BrokerArn { get; } = $"arn:aws:mq:{MotoServer.Region}:123456789012:broker:{StackName}-broker:b-00000000-0000-0000-0000-000000000000";

    /// <summary>The function's log group (<c>FunctionLogGroupName</c>), in moto's CloudWatch Logs.</summary>
    public string FunctionLogGroup { get; } = $"/aws/lambda/{StackName}-OrdersFunction";

    /// <summary>The function's SQS dead-letter queue (<c>DeadLetterQueueUrl</c>), in moto.</summary>
    public string DeadLetterQueueUrl { get; private set; } = "";

    /// <summary>The function's idempotency table (<c>IdempotencyTableName</c>), in moto, keyed as the template's.</summary>
    public string IdempotencyTable { get; private set; } = "";

    /// <summary>The template user in <paramref name="group"/>, e.g. <c>forwarders</c> → <c>forwarder</c>.</summary>
    public string UserIn(string group) => Template.Users.Single(u => u.Value.Split(',').Contains(group)).Key;

    public string PasswordOf(string user) => _passwords[user];

    public static async Task<StackStandIn> StartAsync(string directory, CancellationToken cancellationToken)
    {
        var template = await TemplateBroker.ReadAsync(cancellationToken);
        // As the template's secrets: 32 letters and digits (ExcludePunctuation).
        var passwords = template.Users.Keys.ToDictionary(u => u, _ => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32));
        var stack = new StackStandIn(template, passwords, await MotoServer.StartAsync(cancellationToken: cancellationToken));
        try
        {
            await stack.DeployAsync(directory, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The stack's event source mapping and function: the local event source on <c>QueueName</c>, reading as the
    /// template's Lambda user, invoking <paramref name="bootstrap"/> with the variables the template gives the function
    /// (its dead-letter queue and idempotency table, here in moto) and JSON logs, as the template configures them;
    /// what the function prints goes to <paramref name="observer"/> and to its log group.
    /// </summary>
    public StandInFunction StartFunction(string bootstrap, IEventSourceObserver observer, string directory)
    {
        var logs = new StandInLogGroup(this, directory);
        var lambda = UserIn("consumers");
        var function = new FunctionOptions
        {
            BootstrapPath = bootstrap,
            Handler = "bootstrap",
            FunctionName = $"{StackName}-OrdersFunction",
            Region = MotoServer.Region,
            Environment = new Dictionary<string, string>(Moto.ClientEnvironment)
            {
                ["DEAD_LETTER_QUEUE_URL"] = DeadLetterQueueUrl,
                ["IDEMPOTENCY_TABLE"] = IdempotencyTable,
                ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            },
        };
        var mapping = new EventSourceMapping(
            new EventSourceOptions { Broker = Broker.StompUri, User = lambda, Password = PasswordOf(lambda), Queue = Template.Queue, EventSourceArn = BrokerArn },
            i => new ExecutionEnvironment(i, function, line => { observer.FunctionOutput(i, line); logs.Add(line); }, NullLogger.Instance),
            observer,
            TimeProvider.System,
            NullLoggerFactory.Instance);
        return StandInFunction.Start(ct => Task.WhenAll(mapping.RunAsync(ct), logs.RunAsync(ct)));
    }

    public async ValueTask DisposeAsync()
    {
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        await Moto.DisposeAsync();
    }

    private async Task DeployAsync(string directory, CancellationToken cancellationToken)
    {
        var secrets = new Dictionary<string, string>();
        foreach (var (output, group) in (List<(string, string)>)[("ForwarderSecretArn", "forwarders"), ("LambdaSecretArn", "consumers"), ("AdminSecretArn", "admins")])
        {
            var user = UserIn(group);
            var value = JsonSerializer.Serialize(new Dictionary<string, string> { ["username"] = user, ["password"] = _passwords[user] });
            secrets[output] = await AwsAsync(["secretsmanager", "create-secret", "--name", $"{StackName}-{user}", "--secret-string", value, "--query", "ARN"], cancellationToken);
        }

        DeadLetterQueueUrl = await AwsAsync(["sqs", "create-queue", "--queue-name", $"{StackName}-DeadLetterQueue", "--query", "QueueUrl"], cancellationToken);
        IdempotencyTable = await AwsAsync(
            ["dynamodb", "create-table", "--table-name", $"{StackName}-IdempotencyTable", "--billing-mode", "PAY_PER_REQUEST",
             "--attribute-definitions", "AttributeName=pk,AttributeType=S", "--key-schema", "AttributeName=pk,KeyType=HASH", "--query", "TableDescription.TableName"],
            cancellationToken);
        await AwsAsync(["logs", "create-log-group", "--log-group-name", FunctionLogGroup], cancellationToken);
        Broker = await ActiveMqBroker.StartAsync(Template.Options("stack", PasswordOf) with { StompSsl = true }, cancellationToken);
        var endpoint = Broker.StompSslUri!.ToString().TrimEnd('/');
        Dictionary<string, string> outputs = new()
        {
            ["StompSslEndpoints"] = endpoint,
            ["StompSslEndpoint"] = endpoint,
            ["BrokerArn"] = BrokerArn,
            ["QueueName"] = Template.Queue,
            ["DeadLetterQueueUrl"] = DeadLetterQueueUrl,
            ["IdempotencyTableName"] = IdempotencyTable,
            ["FunctionLogGroupName"] = FunctionLogGroup,
        };
        foreach (var (key, arn) in secrets)
        {
            outputs[key] = arn;
        }

        OutputsFile = Path.Combine(directory, "stack-outputs.json");
        await File.WriteAllTextAsync(
            OutputsFile,
            JsonSerializer.Serialize(outputs.Select(o => new Dictionary<string, string> { ["OutputKey"] = o.Key, ["OutputValue"] = o.Value, ["Description"] = o.Key })),
            cancellationToken);
    }

    /// <summary>The AWS CLI against moto, one value out (<c>--output text</c>).</summary>
    public async Task<string> AwsAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        // --endpoint-url: AWS CLI v1 ignores AWS_ENDPOINT_URL for SQS.
        var command = new ProcessCommand("aws", [.. arguments, "--output", "text", "--endpoint-url", Moto.Endpoint.ToString().TrimEnd('/')])
        {
            Environment = Moto.ClientEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value),
        };
        var result = await ChildProcess.RunAsync(command, TimeSpan.FromMinutes(1), cancellationToken);
        return result.ThrowIfFailed("The AWS CLI is needed: run scripts/prereqs.sh (pip install awscli).").StdOut.Trim();
    }
}
