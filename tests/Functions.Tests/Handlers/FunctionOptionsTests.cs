using Functions.Framework.Hosting;

namespace Functions.Tests.Handlers;

public sealed class FunctionOptionsTests
{
    [Fact]
    public void FromEnvironment_MissingDeadLetterQueueUrl_InitErrorSaysSo()
    {
        var error = Assert.Throws<InitializationException>(() => FunctionOptions.FromEnvironment(new Variables(), FunctionHandlers.Registry));

        Assert.StartsWith("DEAD_LETTER_QUEUE_URL is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_UnknownHandler_InitError() =>
        Assert.Contains("Known handlers: orders, echo", Assert.Throws<InitializationException>(() =>
            FunctionOptions.FromEnvironment(new Variables { ["_HANDLER"] = "nope", ["DEAD_LETTER_QUEUE_URL"] = "https://sqs/1/q" }, FunctionHandlers.Registry)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("DEAD_LETTER_QUEUE_URL", "queue-name-only", "DEAD_LETTER_QUEUE_URL 'queue-name-only' is not an http(s) SQS queue URL.")]
    [InlineData("IDEMPOTENCY_TTL_SECONDS", "1h", "IDEMPOTENCY_TTL_SECONDS '1h' is not a whole number from 60 to 31536000.")]
    [InlineData("DEADLINE_SAFETY_MARGIN_MS", "-5", "DEADLINE_SAFETY_MARGIN_MS '-5' is not a whole number from 0 to 600000.")]
    public void FromEnvironment_Malformed_InitErrorNamingVariable(string name, string value, string message)
    {
        var variables = new Variables { ["DEAD_LETTER_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/1/dlq" };
        variables[name] = value;

        Assert.Equal(message, Assert.Throws<InitializationException>(() => FunctionOptions.FromEnvironment(variables, FunctionHandlers.Registry)).Message);
    }

    [Fact]
    public void FromEnvironment_AllSet_ReadsThem()
    {
        var options = FunctionOptions.FromEnvironment(new Variables
        {
            ["_HANDLER"] = "echo",
            ["DEAD_LETTER_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/1/dlq",
            ["DEAD_LETTER_BUCKET"] = "big-bodies",
            ["IDEMPOTENCY_TABLE"] = "idem",
            ["IDEMPOTENCY_TTL_SECONDS"] = "3600",
            ["DEADLINE_SAFETY_MARGIN_MS"] = "5000",
        }, FunctionHandlers.Registry);

        Assert.Equal(("echo", "big-bodies", "idem", TimeSpan.FromHours(1), TimeSpan.FromSeconds(5), 262_144),
            (options.Processing.HandlerName, options.DeadLetter.Bucket, options.Idempotency.TableName, options.Idempotency.TimeToLive,
                options.Processing.SafetyMargin, options.DeadLetter.MaxMessageBytes));
    }

    private sealed class Variables : Dictionary<string, string>, IEnvironmentVariables
    {
        public string? GetVariable(string name) => TryGetValue(name, out var value) ? value : null;

        public void SetVariable(string name, string? value)
        {
            if (value is null)
            {
                Remove(name);
            }
            else
            {
                this[name] = value;
            }
        }
    }
}
