using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LocalRuntime;

/// <summary>
/// A Lambda Runtime API (2018-06-01) on 127.0.0.1 that behaves like AWS's Runtime Interface Emulator: point a
/// runtime's <c>AWS_LAMBDA_RUNTIME_API</c> at <see cref="RuntimeApiAddress"/>, then call <see cref="InvokeAsync"/>.
/// </summary>
/// <remarks>
/// Like RIE it sets optional <c>next</c> headers only when non-empty, normalises error types, refuses responses over
/// 6 MiB + 100 bytes with 413, and answers posts for an invocation that is not in flight with 403/400. Unlike RIE it
/// does not start or kill the runtime process: on a timeout the caller decides what to do with it. Thread-safe.
/// </remarks>
public sealed partial class LocalRuntimeServer : IAsyncDisposable
{
    private static readonly InvocationOptions DefaultOptions = new();

    private readonly WebApplication _app;
    private readonly LocalRuntimeOptions _options;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _invocations = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InvocationError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _runtimeReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile InvocationError? _initErrorValue;
    private int _disposed;

    private LocalRuntimeServer(WebApplication app, LocalRuntimeOptions options)
    {
        _app = app;
        _options = options;
        MapEndpoints(app);
    }

    /// <summary><c>127.0.0.1:port</c>: the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string RuntimeApiAddress { get; private set; } = string.Empty;

    /// <summary>The init error the runtime reported, or null.</summary>
    public InvocationError? InitError => _initErrorValue;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static Task<LocalRuntimeServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new LocalRuntimeOptions(), cancellationToken);

    public static async Task<LocalRuntimeServer> StartAsync(LocalRuntimeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The empty builder reads no configuration files or ASPNETCORE_* variables, so nothing outside can move the port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;

            // Lambda enforces its own limit on responses (413 below); error bodies are not limited.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var server = new LocalRuntimeServer(builder.Build(), options);
        await server._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.RuntimeApiAddress = new Uri(address).Authority;
        return server;
    }

    /// <summary>
    /// Queues an invocation and waits for its outcome: a response, an error, or a timeout counted from when a runtime
    /// receives it. After an init error, returns that error at once. Cancelling withdraws the invocation.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, InvocationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= DefaultOptions;
        var requestId = options.RequestId ?? Guid.NewGuid().ToString();
        if (InitError is { } initError)
        {
            return new InvocationResult { RequestId = requestId, Status = InvocationStatus.Error, Error = initError };
        }

        using var pending = new PendingInvocation(requestId, payload, options, _options.TimeProvider);
        if (!_invocations.TryAdd(requestId, pending))
        {
            throw new ArgumentException($"Request id '{requestId}' is already in use.", nameof(options));
        }

        try
        {
            await using var registration = cancellationToken.Register(() => pending.Cancel(cancellationToken)).ConfigureAwait(false);
            if (InitError is { } lateInitError)
            {
                pending.TryComplete(InvocationStatus.Error, error: lateInitError);
            }
            else if (!_queue.Writer.TryWrite(pending))
            {
                ObjectDisposedException.ThrowIf(true, this);
            }

            return await pending.Result.ConfigureAwait(false);
        }
        finally
        {
            _invocations.TryRemove(requestId, out _);
        }
    }

    /// <summary>Completes when a runtime first polls <c>next</c>, i.e. it has finished initializing.</summary>
    public Task WaitForRuntimeAsync(CancellationToken cancellationToken = default) => _runtimeReady.Task.WaitAsync(cancellationToken);

    /// <summary>Completes when the runtime posts <c>/runtime/init/error</c>.</summary>
    public Task<InvocationError> WaitForInitErrorAsync(CancellationToken cancellationToken = default) => _initError.Task.WaitAsync(cancellationToken);

    /// <summary>Stops serving. Runtimes waiting in <c>next</c> get 500 (and should exit); pending invocations are cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        foreach (var pending in _invocations.Values)
        {
            pending.Cancel(CancellationToken.None);
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
