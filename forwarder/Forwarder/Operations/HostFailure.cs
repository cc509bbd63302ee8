using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forwarder.Operations;

/// <summary>
/// A background service that ended with an exception. With the default <see cref="BackgroundServiceExceptionBehavior.StopHost"/>
/// such a failure stops the host, yet <c>RunAsync</c> returns normally; the CLI asks here to exit non-zero instead of 0.
/// </summary>
internal static class HostFailure
{
    /// <summary>The first failed background service of <paramref name="services"/>, or null when none failed.</summary>
    public static (string Service, Exception Error)? Find(IServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s.ExecuteTask is { IsFaulted: true })
            .Select(s => ((string Service, Exception Error)?)(s.GetType().Name, s.ExecuteTask!.Exception!.GetBaseException()))
            .FirstOrDefault();
}
