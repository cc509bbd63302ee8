using System.Globalization;
using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;
using Functions.Framework.Processing;
using Functions.Runtime.Runtime;

namespace Functions.Framework.Hosting;

/// <summary>
/// Every setting of the function, read once from the environment at start-up and validated there: a missing or
/// malformed setting is an init error naming the variable.
/// </summary>
internal sealed record FunctionOptions(ProcessingOptions Processing, DeadLetterOptions DeadLetter, IdempotencyOptions Idempotency)
{
    /// <exception cref="InitializationException">A setting is missing or malformed.</exception>
    public static FunctionOptions FromEnvironment(IEnvironmentVariables environment, HandlerRegistry handlers)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var handler = handlers.Resolve(environment.GetVariable("_HANDLER"));
        var queueUrl = environment.GetVariable("DEAD_LETTER_QUEUE_URL");
        if (string.IsNullOrWhiteSpace(queueUrl))
        {
            throw new InitializationException(
                "DEAD_LETTER_QUEUE_URL is not set: the function needs an SQS queue URL for messages it can never process.");
        }

        if (!Uri.TryCreate(queueUrl.Trim(), UriKind.Absolute, out var queue) || queue.Scheme is not ("https" or "http"))
        {
            throw new InitializationException($"DEAD_LETTER_QUEUE_URL '{queueUrl}' is not an http(s) SQS queue URL.");
        }

        var deadLetter = new DeadLetterOptions
        {
            QueueUrl = queue,
            Bucket = NullIfBlank(environment.GetVariable("DEAD_LETTER_BUCKET")),
            MaxMessageBytes = Number(environment, "DEAD_LETTER_MAX_MESSAGE_BYTES", 1024, 1_048_576) ?? SqsLimits.DefaultMaxMessageBytes,
        };
        var idempotency = new IdempotencyOptions { TableName = NullIfBlank(environment.GetVariable("IDEMPOTENCY_TABLE")) };
        if (Number(environment, "IDEMPOTENCY_TTL_SECONDS", 60, 365 * 86_400) is { } ttl)
        {
            idempotency = idempotency with { TimeToLive = TimeSpan.FromSeconds(ttl) };
        }

        var processing = new ProcessingOptions { HandlerName = handler };
        if (Number(environment, "DEADLINE_SAFETY_MARGIN_MS", 0, 600_000) is { } margin)
        {
            processing = processing with { SafetyMargin = TimeSpan.FromMilliseconds(margin) };
        }

        return new FunctionOptions(processing, deadLetter, idempotency);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? Number(IEnvironmentVariables environment, string name, int min, int max)
    {
        var text = NullIfBlank(environment.GetVariable(name));
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InitializationException($"{name} '{text}' is not a whole number from {min} to {max}.");
    }
}
