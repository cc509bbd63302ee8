using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Logging;

/// <summary>
/// The smallest <see cref="ILoggerFactory"/> over one <see cref="LambdaLoggerProvider"/>, so the function needs no
/// Microsoft.Extensions.Logging (and its reflection-based configuration) in the AOT binary.
/// </summary>
internal sealed class LambdaLoggerFactory(LambdaLoggerProvider provider) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The Lambda logger factory writes to stdout only; other providers are not supported.");

    public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

    public void Dispose()
    {
        // The provider belongs to the host, which disposes it.
    }
}
