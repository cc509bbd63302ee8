using Functions.Framework.Hosting;
using Functions.Runtime.Runtime;

namespace Functions.Framework;

/// <summary>The entry point of a function's <c>bootstrap</c>: <c>return await FunctionHost.RunAsync(handlers);</c></summary>
public static class FunctionHost
{
    /// <summary>
    /// Runs the function on Lambda's Runtime API until it shuts the execution environment down. At init it reads
    /// the settings (<c>_HANDLER</c>, <c>DEAD_LETTER_QUEUE_URL</c>, …), builds the handler <c>_HANDLER</c> selects from
    /// <paramref name="handlers"/>, the idempotency store and the dead-letter sink; a bad setting is reported as an
    /// init error naming it. Then every invocation is one Amazon MQ batch (<c>aws:mq</c>, <c>aws:amq</c>, <c>aws:rmq</c>).
    /// </summary>
    /// <returns>The process exit code: 0 after a shutdown request, 1 after an init error, 2 without a Runtime API.</returns>
    public static Task<int> RunAsync(HandlerRegistry handlers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        return LambdaHost.RunAsync(environment => FunctionComposition.Create(environment, handlers), cancellationToken);
    }
}
