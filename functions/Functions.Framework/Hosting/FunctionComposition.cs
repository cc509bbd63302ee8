using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;
using Functions.Framework.Metrics;
using Functions.Framework.Processing;
using Functions.Runtime.Runtime;
using Microsoft.Extensions.Logging;

namespace Functions.Framework.Hosting;

/// <summary>Builds the function from its settings: the handler named by <c>_HANDLER</c>, the store and the sink.</summary>
internal static class FunctionComposition
{
    /// <exception cref="InitializationException">A setting is missing or malformed, or <c>_HANDLER</c> is unknown.</exception>
    public static BatchProcessor Create(LambdaHostEnvironment environment, HandlerRegistry handlers)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = FunctionOptions.FromEnvironment(environment.Variables, handlers);
        var time = environment.TimeProvider;
        IIdempotencyStore store = options.Idempotency.TableName is null
            ? new InMemoryIdempotencyStore(options.Idempotency, time)
            : new DynamoDbIdempotencyStore(AwsClients.CreateDynamoDb(), options.Idempotency, time);
        var sink = new SqsDeadLetterSink(
            AwsClients.CreateSqs(),
            options.DeadLetter.Bucket is null ? null : AwsClients.CreateS3(environment.Variables),
            options.DeadLetter,
            time,
            environment.LoggerFactory.CreateLogger<SqsDeadLetterSink>());
        environment.LoggerFactory.CreateLogger(typeof(FunctionComposition).FullName!).FunctionReady(
            options.Processing.HandlerName, options.DeadLetter.QueueUrl, options.DeadLetter.Bucket ?? "(none: oversized bodies fail the batch)",
            options.Idempotency.TableName is { } table ? $"DynamoDB table {table}" : "in memory");
        return new BatchProcessor(handlers.Create(options.Processing.HandlerName, environment), store, sink,
            DefaultExceptionClassifier.Instance, options.Processing,
            new BatchMetrics(environment.LogLines, environment.LogLevel, environment.FunctionName, time), time);
    }
}
