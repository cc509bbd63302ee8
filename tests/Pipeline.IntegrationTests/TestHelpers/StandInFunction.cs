using System.Runtime.ExceptionServices;

namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>A running event source mapping of <see cref="StackStandIn"/>; dispose stops it and its execution environments.</summary>
internal sealed class StandInFunction : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _mapping;

    private StandInFunction(Func<CancellationToken, Task> run) => _mapping = run(_stop.Token);

    public static StandInFunction Start(Func<CancellationToken, Task> run) => new(run);

    /// <summary>Throws what ended the mapping early (a broker it could not reach, a bootstrap that would not start).</summary>
    public void ThrowIfFailed()
    {
        if (_mapping is { IsFaulted: true })
        {
            ExceptionDispatchInfo.Throw(_mapping.Exception!.GetBaseException());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
#pragma warning disable VSTHRD003 // started by the constructor; no synchronization context here.
        await _mapping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
        _stop.Dispose();
    }
}
